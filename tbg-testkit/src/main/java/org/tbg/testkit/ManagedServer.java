package org.tbg.testkit;

import java.nio.file.Path;

/**
 * The lifecycle every test server of this kit offers a test, in one place so the servers
 * ({@link PostgresServer}, {@link NatsServer}, {@link RedisServer}) only say what to run and how
 * to tell it serves: one loopback port and one directory of its own; {@link #stop()} /
 * {@link #kill()} and {@link #start()} take it away and bring it back on the same port, to test an
 * outage; {@link #close()} deletes the directory. A JVM shutdown hook kills every server not yet
 * closed and deletes its directory. {@link ServerLifecycle} does the work.
 *
 * <p>Thread-safe; process control is serialized.
 */
public abstract class ManagedServer implements AutoCloseable {
    private final ServerLifecycle lifecycle;

    /** Package-private: only the servers of this kit; the lifecycle registers the shutdown hook. */
    ManagedServer(ServerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    /**
     * The end of every server's {@code launch()}: prepares and starts the new server, and closes it
     * when it does not come up, so a server that never served leaves no directory behind.
     */
    static <S extends ManagedServer> S launched(S server) {
        try {
            server.prepare();
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** What a new server needs once, before its first start; nothing unless a server says so. */
    void prepare() {
    }

    /** The loopback port, the same across restarts. */
    public final int port() {
        return lifecycle.port();
    }

    /** Where the server's output goes (kept after {@link #close()}), for a failing test's message. */
    public final Path logFile() {
        return lifecycle.logFile();
    }

    public final boolean isRunning() {
        return lifecycle.isRunning();
    }

    /** Starts the server (again) on its port and waits until it serves clients. No-op when running. */
    public final void start() {
        lifecycle.start();
    }

    /**
     * The server's clean shutdown signal (see the server's class comment), SIGKILL if it overruns
     * its stop timeout; waits until it is gone. No-op when stopped.
     */
    public final void stop() {
        lifecycle.stop();
    }

    /** SIGKILL to the server and its children, as a crash would. No-op when stopped. */
    public final void kill() {
        lifecycle.kill();
    }

    /** Stops the server and deletes its directory (the log stays). */
    @Override
    public final void close() {
        lifecycle.close();
    }
}
