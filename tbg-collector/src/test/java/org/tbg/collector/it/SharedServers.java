package org.tbg.collector.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.tbg.events.nats.EventStream;
import org.tbg.testkit.NatsServer;
import org.tbg.testkit.PostgresServer;
import org.tbg.testkit.RedisServer;

/**
 * One PostgreSQL, Redis and NATS server shared by the ITs of this module (started on first use,
 * reaped at JVM exit by the testkit): each test takes a fresh database and empties Redis and the
 * event stream, so tests stay independent without paying a server start each. Tests that stop a
 * server start their own.
 */
final class SharedServers {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer postgres;
    private static RedisServer redis;
    private static NatsServer nats;

    private SharedServers() {
    }

    static synchronized PostgresServer postgres() {
        if (postgres == null) {
            postgres = PostgresServer.launch();
        }
        return postgres;
    }

    static synchronized RedisServer redis() {
        if (redis == null) {
            redis = RedisServer.launch();
        }
        return redis;
    }

    static synchronized NatsServer nats() {
        if (nats == null) {
            nats = NatsServer.launch();
        }
        return nats;
    }

    /** A new, empty database on the shared server; returns its {@code postgresql://} URL. */
    static String freshDatabase() {
        return freshDatabase(postgres());
    }

    static String freshDatabase(PostgresServer server) {
        String name = "it_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (java.sql.Connection c = DriverManager.getConnection(server.jdbcUrl(), server.user(), server.password());
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return "postgresql://" + server.user() + ":" + server.password() + "@127.0.0.1:" + server.port() + "/" + name;
    }

    /** The shared Redis, emptied. */
    static String freshRedis() {
        RedisServer server = redis();
        RedisClient client = RedisClient.create(server.url());
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().flushall();
            c.sync().scriptFlush();
        } finally {
            client.shutdown();
        }
        return server.url();
    }

    /** The shared NATS server without the event stream (the collector creates it again). */
    static String freshNats() {
        NatsServer server = nats();
        try (Connection c = Nats.connect(server.url())) {
            try {
                c.jetStreamManagement().deleteStream(EventStream.NAME);
            } catch (JetStreamApiException e) {
                if (e.getErrorCode() != 404) {
                    throw new IllegalStateException(e);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return server.url();
    }
}
