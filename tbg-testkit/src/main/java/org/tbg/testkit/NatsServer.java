package org.tbg.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code nats-server} with JetStream for integration tests: loopback only, a free port,
 * its JetStream store in a fresh temp directory ({@code -js -sd DIR}).
 *
 * <p>{@link #stop()} (SIGTERM: JetStream is flushed) / {@link #kill()} and {@link #start()} take it
 * away and bring it back on the same port with the same store, so streams and their messages
 * survive, to test an outage. {@link #close()} stops it and deletes the store. Output goes to
 * {@code target/nats/nats-PORT.log}; a JVM shutdown hook kills every server not yet closed and
 * deletes its store.
 *
 * <p>The binary comes from the system property {@value #SERVER_PROPERTY}
 * ({@code scripts/install-nats.sh} prints it), else {@code nats-server} on PATH (or in /usr/sbin,
 * where Debian puts it).
 *
 * <p>Thread-safe; process control is serialized.
 */
public final class NatsServer extends ManagedServer {
    public static final String SERVER_PROPERTY = "tbg.nats.server";
    /** nats-server answers within milliseconds; recovering a store takes longer, a loaded machine more. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** SIGTERM: nats-server flushes JetStream and exits promptly. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    private NatsServer(Path binary, int port) {
        // the store is made here because the command names it, and super() must come first
        this(binary, port, TempDirectories.create("tbg-nats-" + port + "-"));
    }

    private NatsServer(Path binary, int port, Path storeDir) {
        super(new ServerLifecycle("nats-server", port, storeDir, Path.of("target", "nats", "nats-" + port + ".log").toAbsolutePath(),
                command(binary, port, storeDir), () -> greetsWithJetStream(port), READY_TIMEOUT, "TERM", STOP_TIMEOUT));
    }

    /**
     * Starts a server on a free loopback port and waits until it greets clients with JetStream on.
     *
     * @throws IllegalStateException when nats-server is not installed or does not come up (with its log)
     */
    public static NatsServer launch() {
        return launched(new NatsServer(binary(), Ports.freePort()));
    }

    /** The nats-server binary: {@value #SERVER_PROPERTY}, else nats-server on PATH. */
    public static Path binary() {
        return ServerBinaries.property(SERVER_PROPERTY)
                .map(value -> {
                    Path path = Path.of(value).toAbsolutePath();
                    if (!Files.isExecutable(path)) {
                        throw new IllegalStateException("no executable nats-server at " + path + " (from -D" + SERVER_PROPERTY
                                + "): run scripts/install-nats.sh");
                    }
                    return path;
                })
                .or(() -> ServerBinaries.onPath("nats-server"))
                .orElseThrow(() -> new IllegalStateException("nats-server not found: run scripts/install-nats.sh and pass its last line as -D"
                        + SERVER_PROPERTY + "=PATH"));
    }

    /** {@code nats://127.0.0.1:PORT}. */
    public String url() {
        return "nats://127.0.0.1:" + port();
    }

    @Override
    public String toString() {
        return "NatsServer[" + url() + "]";
    }

    private static List<String> command(Path binary, int port, Path storeDir) {
        return List.of(binary.toString(),
                "-a", "127.0.0.1",
                "-p", Integer.toString(port),
                "-js",
                "-sd", storeDir.toString(),
                "-n", "tbg-test-" + port);   // a fixed name keeps the JetStream identity across restarts
    }

    /**
     * The server's first words to a client are {@code INFO {...}}; it accepts clients only after
     * JetStream has recovered its store, and says so with {@code "jetstream":true}.
     */
    private static boolean greetsWithJetStream(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
            socket.setSoTimeout(1_000);
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && c != '\n' && line.length() < 8_192) {
                line.append((char) c);
            }
            String info = line.toString();
            return info.startsWith("INFO ") && info.contains("\"jetstream\":true");
        }
    }
}
