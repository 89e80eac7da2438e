package org.tbg.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A test server that comes and goes on one loopback port with one directory of its own: start,
 * stop, kill, start again; close deletes the directory. Registered with the {@link ShutdownReaper}
 * from birth to close. The server classes ({@link PostgresServer}, {@link NatsServer},
 * {@link RedisServer}) say what to run and how to tell it is ready; this class runs it, behind
 * their common face {@link ManagedServer}.
 *
 * <p>Thread-safe: process control is serialized on this object; the shutdown hook reads the
 * volatile process field without the lock.
 */
final class ServerLifecycle {
    private static final Logger log = LoggerFactory.getLogger(ServerLifecycle.class);

    private final String name;
    private final int port;
    private final Path dir;
    private final Path logFile;
    private final List<String> command;
    private final ServerProcess.ReadinessProbe probe;
    private final Duration readyTimeout;
    private final String stopSignal;
    private final Duration stopTimeout;
    /** The running server, or null while stopped. Written under this. */
    private volatile ServerProcess process;

    /**
     * @param dir the server's own directory (data, store, working dir), deleted by {@link #close()}
     * @param stopSignal the signal for a clean, prompt shutdown (SIGKILL follows after {@code stopTimeout})
     */
    ServerLifecycle(String name, int port, Path dir, Path logFile, List<String> command, ServerProcess.ReadinessProbe probe,
            Duration readyTimeout, String stopSignal, Duration stopTimeout) {
        this.name = name;
        this.port = port;
        this.dir = dir;
        this.logFile = logFile;
        this.command = List.copyOf(command);
        this.probe = probe;
        this.readyTimeout = readyTimeout;
        this.stopSignal = stopSignal;
        this.stopTimeout = stopTimeout;
        ShutdownReaper.register(this, this::reap);
    }

    int port() {
        return port;
    }

    Path logFile() {
        return logFile;
    }

    synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server and waits until the probe says it serves. No-op when running. */
    synchronized void start() {
        if (isRunning()) {
            return;
        }
        ServerProcess started = ServerProcess.start(name, command, dir, logFile);
        process = started;
        try {
            started.awaitReady(readyTimeout, probe);
        } catch (RuntimeException e) {
            process = null;
            throw e;
        }
        log.info("{} started on 127.0.0.1:{} (pid {}, log {})", name, port, started.pid(), logFile);
    }

    /** The clean shutdown signal, then waits for the exit. No-op when stopped. */
    synchronized void stop() {
        ServerProcess running = process;
        if (running == null) {
            return;
        }
        process = null;
        running.note("stopping " + name + " (SIG" + stopSignal + ")");
        running.stop(stopSignal, stopTimeout);
        log.info("{} on 127.0.0.1:{} stopped", name, port);
    }

    /** SIGKILL to the server and its children, as a crash would. No-op when stopped. */
    synchronized void kill() {
        ServerProcess running = process;
        if (running == null) {
            return;
        }
        process = null;
        running.note("killing " + name + " (SIGKILL)");
        running.kill();
        log.info("{} on 127.0.0.1:{} killed", name, port);
    }

    /** Stops the server and deletes its directory (the log stays). */
    void close() {
        try {
            stop();
        } finally {
            ShutdownReaper.unregister(this);
            TempDirectories.delete(dir);
        }
    }

    /** Shutdown hook: kill without taking the lock (a test thread may hold it), then delete the directory. */
    private void reap() {
        ServerProcess running = process;
        if (running != null) {
            running.kill();
        }
        TempDirectories.delete(dir);
    }
}
