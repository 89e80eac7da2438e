package org.tbg.collector.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void splitsCredentialsFromTheUrl() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://tbg:s3cr%40t@127.0.0.1:5433/tbg?sslmode=disable");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5433/tbg?sslmode=disable");
        assertThat(url.user()).isEqualTo("tbg");
        assertThat(url.password()).isEqualTo("s3cr@t");
        assertThat(url.toString()).doesNotContain("s3cr");
    }

    @Test
    void acceptsPostgresAndJdbcSchemesAndNoCredentials() {
        assertThat(DatabaseUrl.parse("postgres://db.example:5432/game").jdbcUrl())
                .isEqualTo("jdbc:postgresql://db.example:5432/game");
        DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://u@h/d");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://h/d");
        assertThat(jdbc.user()).isEqualTo("u");
        assertThat(jdbc.password()).isNull();
    }

    @Test
    void refusesOtherUrlsWithoutEchoingThem() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:hunter2@h/d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hunter2")
                .hasMessageContaining("postgresql://");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql:///nohost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DatabaseUrl.parse("not a url")).isInstanceOf(IllegalArgumentException.class);
    }
}
