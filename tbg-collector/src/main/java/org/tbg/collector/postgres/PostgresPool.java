package org.tbg.collector.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The collector's few database connections (HikariCP). Each connection gets the staging tables
 * when it opens ({@code staging.sql}), so a batch never creates them. The pool starts even while
 * the database is down: connections are made when asked for, and a failed ask is a failed batch
 * that the pipeline retries.
 */
public final class PostgresPool {
    /** One per pipeline (a NATS and a socket pipeline, or two NATS pipelines) plus one for partition maintenance. */
    public static final int DEFAULT_SIZE = 4;
    /** How long a batch waits for a connection (or for the database to accept one). */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    /** A statement (a whole batch) that runs longer than this is taken as a hung connection. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(120);

    private PostgresPool() {
    }

    public static HikariDataSource open(DatabaseUrl url, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("tbg-collector-db");
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setInitializationFailTimeout(-1); // start now; the database may come later
        config.setConnectionInitSql(stagingSql());
        config.addDataSourceProperty("connectTimeout", "5");
        config.addDataSourceProperty("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "tbg-collector");
        return new HikariDataSource(config);
    }

    static String stagingSql() {
        return resource("staging.sql");
    }

    static String resource(String name) {
        try (InputStream in = PostgresPool.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
