package org.tbg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link PostgresServer} with the real JDBC driver ({@code -Dtbg.pg.bin=DIR}). */
@Timeout(120)
class PostgresServerIT {

    @Test
    void servesTheTbgDatabaseOnLoopbackWithPasswordAuth() throws Exception {
        try (PostgresServer pg = PostgresServer.launch();
                Connection c = connect(pg.jdbcUrl(), pg.user(), pg.password());
                Statement st = c.createStatement()) {
            assertThat(single(st, "select 1")).isEqualTo("1");
            assertThat(single(st, "select current_user")).isEqualTo("tbg");
            assertThat(single(st, "select pg_get_userbyid(datdba) from pg_database where datname = current_database()"))
                    .as("owner of the database").isEqualTo("tbg");
            assertThat(single(st, "show server_encoding")).isEqualTo("UTF8");
            assertThat(single(st, "select host(inet_server_addr())")).isEqualTo("127.0.0.1");
            assertThat(single(st, "select inet_server_port()")).isEqualTo(Integer.toString(pg.port()));
            st.execute("create table t (v text)");
            st.execute("insert into t values ('kept')");
            assertThat(single(st, "select v from t")).isEqualTo("kept");

            assertThatThrownBy(() -> connect(pg.jdbcUrl(), pg.user(), "wrong").close())
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28P01"); // invalid_password

            // url() names the same server, database and credentials.
            URI url = URI.create(pg.url());
            String[] userInfo = url.getUserInfo().split(":");
            try (Connection viaUrl = connect("jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + url.getPath(),
                    userInfo[0], userInfo[1]); Statement st2 = viaUrl.createStatement()) {
                assertThat(url.getScheme()).isEqualTo("postgresql");
                assertThat(single(st2, "select v from t")).isEqualTo("kept");
            }
        }
    }

    @Test
    void committedRowsSurviveStopStartAndKill() throws Exception {
        PostgresServer closed;
        try (PostgresServer pg = PostgresServer.launch()) {
            closed = pg;
            execute(pg, "create table events (id int primary key)", "insert into events values (1)");

            pg.stop();
            assertThat(pg.isRunning()).isFalse();
            assertUnreachable(pg);

            pg.start();
            assertThat(pg.isRunning()).isTrue();
            assertThat(ids(pg)).containsExactly(1);
            execute(pg, "insert into events values (2)");

            pg.kill();
            assertThat(pg.isRunning()).isFalse();
            assertUnreachable(pg);

            pg.start(); // crash recovery replays the WAL
            assertThat(ids(pg)).containsExactly(1, 2);
        }
        assertThat(closed.isRunning()).isFalse();
        assertUnreachable(closed);
    }

    private static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }

    private static void execute(PostgresServer pg, String... statements) throws SQLException {
        try (Connection c = connect(pg.jdbcUrl(), pg.user(), pg.password()); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    private static List<Integer> ids(PostgresServer pg) throws SQLException {
        List<Integer> ids = new ArrayList<>();
        try (Connection c = connect(pg.jdbcUrl(), pg.user(), pg.password());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select id from events order by id")) {
            while (rs.next()) {
                ids.add(rs.getInt(1));
            }
        }
        return ids;
    }

    private static void assertUnreachable(PostgresServer pg) {
        assertThatThrownBy(() -> connect(pg.jdbcUrl(), pg.user(), pg.password()).close())
                .isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001"); // unable to connect
    }
}
