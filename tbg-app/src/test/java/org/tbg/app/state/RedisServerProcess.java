package org.tbg.app.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.tbg.testkit.Ports;

/**
 * A real {@code redis-server} for integration tests: loopback only, a free port, no persistence
 * ({@code --save "" --appendonly no}), its working dir a fresh temp dir. {@link #stop()} and
 * {@link #start()} take it away and bring it back on the same port (empty, as a restarted cache
 * without persistence would be), to test an outage. Output goes to
 * {@code target/redis/redis-PORT.log}. A JVM shutdown hook kills every server still running.
 *
 * <p>The server binary comes from the system property {@value #SERVER_PROPERTY}
 * ({@code scripts/install-redis.sh} prints it). Thread-safe; process control is serialized.
 */
public final class RedisServerProcess implements AutoCloseable {
    public static final String SERVER_PROPERTY = "tbg.redis.server";
    /** redis-server answers within milliseconds; a loaded CI machine gets far more. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private static final Set<RedisServerProcess> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RedisServerProcess::stop), "tbg-redis-reaper"));
    }

    private final Path binary;
    private final int port;
    private final Path workDir;
    private final Path logFile;
    /** The running process, or null while stopped. Guarded by this. */
    private Process process;

    private RedisServerProcess(Path binary, int port) {
        this.binary = binary;
        this.port = port;
        try {
            Path base = Path.of("target", "redis").toAbsolutePath();
            Files.createDirectories(base);
            this.workDir = Files.createTempDirectory(base, "redis-" + port + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work dir for redis-server", e);
        }
        this.logFile = Path.of("target", "redis", "redis-" + port + ".log").toAbsolutePath();
    }

    /** Starts a server on a free loopback port and waits until it answers PING. */
    public static RedisServerProcess launch() {
        RedisServerProcess server = new RedisServerProcess(binary(), Ports.freePort());
        server.start();
        return server;
    }

    /** The redis-server binary from {@value #SERVER_PROPERTY}, checked to be executable. */
    public static Path binary() {
        String value = System.getProperty(SERVER_PROPERTY);
        // Surefire/failsafe pass an unset property through as the literal "${tbg.redis.server}".
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("redis-server not given: run scripts/install-redis.sh and pass its last line as -D"
                    + SERVER_PROPERTY + "=PATH");
        }
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("no executable redis-server at " + path + " (from -D" + SERVER_PROPERTY
                    + "): run scripts/install-redis.sh");
        }
        return path;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}, for the store and for test clients. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server (again) on its port and waits until it answers PING. No-op when running. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = List.of(binary.toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", workDir.toString(),
                "--daemonize", "no",
                "--protected-mode", "yes");
        try {
            process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        RUNNING.add(this);
        awaitReady();
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits until it is gone. No-op when stopped. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process p = process;
        process = null;
        RUNNING.remove(this);
        p.destroy();
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("redis-server pid " + p.pid() + " survived SIGKILL for 10 s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }

    /** Stops the server and deletes its work dir (the log stays). */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a leftover temp dir under target/ is harmless
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int code = process.exitValue();
                process = null;
                RUNNING.remove(this);
                throw new IllegalStateException("redis-server exited with code " + code + " before answering; output in " + logFile);
            }
            try {
                if (ping()) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop();
                throw new IllegalStateException("interrupted while waiting for redis-server", e);
            }
        }
        stop();
        throw new IllegalStateException("redis-server did not answer PING within " + READY_TIMEOUT.toSeconds() + " s (last: "
                + (last == null ? "none" : last.getMessage()) + "); output in " + logFile);
    }

    /** One inline PING; true on {@code +PONG} (a loading server answers {@code -LOADING}). */
    private boolean ping() throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            s.setSoTimeout(1_000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[7];
            int n = 0;
            while (n < buf.length) {
                int r = in.read(buf, n, buf.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            return new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        }
    }
}
