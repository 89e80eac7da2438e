package org.tbg.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code redis-server} for integration tests: loopback only, a free port, no persistence
 * ({@code --save "" --appendonly no}), its working dir a fresh temp directory.
 *
 * <p>{@link #stop()} (SIGTERM, SIGKILL after {@link #STOP_TIMEOUT}) / {@link #kill()} and
 * {@link #start()} take it away and bring it back on the same port, empty (as a restarted cache
 * without persistence would be), to test an outage. {@link #close()} stops it and deletes its work
 * dir. Output goes to {@code target/redis/redis-PORT.log}; a JVM shutdown hook kills every server
 * not yet closed.
 *
 * <p>The binary comes from the system property {@value #SERVER_PROPERTY}
 * ({@code scripts/install-redis.sh} prints it).
 *
 * <p>Thread-safe; process control is serialized.
 */
public final class RedisServer extends ManagedServer {
    public static final String SERVER_PROPERTY = "tbg.redis.server";
    /** redis-server answers within milliseconds; a loaded CI machine gets far more. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    /** SIGTERM: without persistence redis-server exits at once. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private RedisServer(Path binary, int port) {
        // the work dir is made here because the command names it, and super() must come first
        this(binary, port, TempDirectories.create("tbg-redis-" + port + "-"));
    }

    private RedisServer(Path binary, int port, Path workDir) {
        super(new ServerLifecycle("redis-server", port, workDir, Path.of("target", "redis", "redis-" + port + ".log").toAbsolutePath(),
                command(binary, port, workDir), () -> answersPing(port), READY_TIMEOUT, "TERM", STOP_TIMEOUT));
    }

    /**
     * Starts a server on a free loopback port and waits until it answers PING.
     *
     * @throws IllegalStateException when redis-server is not given or does not come up (with its log)
     */
    public static RedisServer launch() {
        return launched(new RedisServer(binary(), Ports.freePort()));
    }

    /** The redis-server binary from {@value #SERVER_PROPERTY}, checked to be executable. */
    public static Path binary() {
        String value = ServerBinaries.property(SERVER_PROPERTY)
                .orElseThrow(() -> new IllegalStateException("redis-server not given: run scripts/install-redis.sh and pass its last line as -D"
                        + SERVER_PROPERTY + "=PATH"));
        Path path = Path.of(value).toAbsolutePath();
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException("no executable redis-server at " + path + " (from -D" + SERVER_PROPERTY
                    + "): run scripts/install-redis.sh");
        }
        return path;
    }

    /** {@code redis://127.0.0.1:PORT}, for the store and for test clients. */
    public String url() {
        return "redis://127.0.0.1:" + port();
    }

    @Override
    public String toString() {
        return "RedisServer[" + url() + "]";
    }

    private static List<String> command(Path binary, int port, Path workDir) {
        return List.of(binary.toString(),
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", workDir.toString(),
                "--daemonize", "no",
                "--protected-mode", "yes");
    }

    /** One inline PING; true on {@code +PONG} (a loading server answers {@code -LOADING}). */
    private static boolean answersPing(int port) throws IOException {
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
