package org.tbg.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.tbg.bitcoin.rpc.JsonRpcClient;
import org.tbg.bitcoin.rpc.NodeEndpoint;
import org.tbg.bitcoin.rpc.RpcException;

/**
 * A real bcoin full node on regtest, in memory, for integration tests (see shared/spec/real-node.md).
 *
 * <p>It listens for JSON-RPC on a free loopback port and nowhere else (no P2P listener, no
 * wallet). Its output goes to {@code target/bcoin/bcoin-PORT.log} under the working directory,
 * appended across restarts. A JVM shutdown hook kills every node still running, so none outlives
 * the test JVM. JUnit-agnostic: tests own the node with try-with-resources or their lifecycle hooks.
 *
 * <p>The install dir comes from the system property {@value #DIR_PROPERTY} or the environment
 * variable {@value #DIR_ENV}; {@code scripts/install-bcoin.sh} prints it.
 *
 * <p>Thread-safe; process control methods are serialized.
 */
public final class BcoinNode implements TestNode {
    public static final String DIR_PROPERTY = "tbg.bcoin.dir";
    public static final String DIR_ENV = "TBG_BCOIN_DIR";
    /** bcoin answers in about 5 s; a loaded CI machine gets six times that. */
    public static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    /** Timeout of {@link #rpc()}'s calls. */
    public static final Duration RPC_TIMEOUT = Duration.ofSeconds(10);

    private static final String RPC_USER = "tbg";
    private static final Set<BcoinNode> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(BcoinNode::kill), "tbg-bcoin-reaper"));
    }

    private final Path installDir;
    private final int port;
    private final String apiKey;
    private final NodeEndpoint endpoint;
    private final JsonRpcClient rpc;
    private final Path workDir;
    private final Path logFile;
    /** The running process, or null after kill(). Guarded by this. */
    private Process process;

    private BcoinNode(Path installDir, int port) {
        this.installDir = installDir;
        this.port = port;
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        this.apiKey = HexFormat.of().formatHex(key);
        this.endpoint = NodeEndpoint.of("127.0.0.1:" + port, RPC_USER, apiKey);
        this.rpc = new JsonRpcClient(endpoint, RPC_TIMEOUT);
        this.workDir = Path.of("target", "bcoin", "node-" + port).toAbsolutePath();
        this.logFile = Path.of("target", "bcoin", "bcoin-" + port + ".log").toAbsolutePath();
    }

    /**
     * Starts a node on a free loopback port and waits until {@code getblockchaininfo} answers.
     *
     * @throws IllegalStateException when bcoin is not installed, exits, or does not answer in time
     */
    public static BcoinNode start() {
        BcoinNode node = new BcoinNode(installDir(), Ports.freePort());
        node.launch();
        return node;
    }

    /** The bcoin install dir from {@value #DIR_PROPERTY} or {@value #DIR_ENV}, checked to hold bcoin. */
    public static Path installDir() {
        String dir = System.getProperty(DIR_PROPERTY);
        if (isUnset(dir)) {
            dir = System.getenv(DIR_ENV);
        }
        if (isUnset(dir)) {
            throw new IllegalStateException("bcoin install dir not set: run scripts/install-bcoin.sh and pass its last line as -D"
                    + DIR_PROPERTY + "=DIR (or set " + DIR_ENV + ")");
        }
        Path path = Path.of(dir).toAbsolutePath();
        if (!Files.isRegularFile(launcher(path))) {
            throw new IllegalStateException("no bcoin at " + launcher(path) + ": run scripts/install-bcoin.sh");
        }
        return path;
    }

    @Override
    public NodeEndpoint endpoint() {
        return endpoint;
    }

    /** A client for this node; it keeps working across {@link #restart()} (same port and key). */
    @Override
    public JsonRpcClient rpc() {
        return rpc;
    }

    public int port() {
        return port;
    }

    /** Where the node's output goes, for a failing test's message. */
    public Path logFile() {
        return logFile;
    }

    /** The node process's pid (bcoin renames its command line, so tests cannot find it by arguments). */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("bcoin is not running");
        }
        return process.pid();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** SIGKILL, as a crash would, and waits for the process to be gone. No-op when not running. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("bcoin pid " + process.pid() + " survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        RUNNING.remove(this);
    }

    /** Kills the node and starts a new one on the same port; its chain starts again at genesis. */
    public synchronized void restart() {
        kill();
        launch();
    }

    /** SIGSTOP: the node keeps its sockets but answers nothing, as a hung node would. */
    public synchronized void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public synchronized void resume() {
        signal("CONT");
    }

    /** bcoin's regtest format; anyone can spend it (see {@link BcoinChain#ANYONE_CAN_SPEND_ADDRESS}). */
    @Override
    public String generateAddress() {
        return BcoinChain.ANYONE_CAN_SPEND_ADDRESS;
    }

    @Override
    public void close() {
        kill();
        rpc.close();
    }

    @Override
    public String toString() {
        return "BcoinNode[" + endpoint + "]";
    }

    private synchronized void launch() {
        List<String> command = List.of(
                "node", launcher(installDir).toString(),
                "--network=regtest",
                "--memory=true",
                "--no-wallet",
                "--listen=false",          // no P2P listener
                "--http-host=127.0.0.1",   // RPC on loopback only (also bcoin's default)
                "--http-port=" + port,
                "--api-key=" + apiKey,     // basic auth: any user, this password
                "--workers=false",         // verify in-process: no child processes to orphan
                "--prefix=" + workDir,     // keeps a developer's ~/.bcoin/bcoin.conf out of tests
                "--log-level=warning");
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== starting bcoin on 127.0.0.1:" + port + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .directory(installDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start bcoin (is node on PATH?): " + e.getMessage(), e);
        }
        RUNNING.add(this);
        awaitReady();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        RpcException last = null;
        try (JsonRpcClient probe = new JsonRpcClient(endpoint, Duration.ofSeconds(2))) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    int code = process.exitValue();
                    process = null;
                    RUNNING.remove(this);
                    throw new IllegalStateException("bcoin exited with code " + code + " before answering; output in "
                            + logFile + ":" + System.lineSeparator() + tail(logFile));
                }
                try {
                    probe.call("getblockchaininfo");
                    return;
                } catch (RpcException e) {
                    last = e;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
            throw new IllegalStateException("interrupted while waiting for bcoin", e);
        }
        kill();
        throw new IllegalStateException("bcoin did not answer within " + READY_TIMEOUT.toSeconds() + " s (last: "
                + (last == null ? "none" : last.getMessage()) + "); output in " + logFile);
    }

    private void signal(String name) {
        if (process == null) {
            throw new IllegalStateException("bcoin is not running");
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling bcoin", e);
        }
    }

    private static Path launcher(Path installDir) {
        return installDir.resolve("node_modules").resolve("bcoin").resolve("bin").resolve("node");
    }

    /** Surefire passes an unset property through as the literal "${tbg.bcoin.dir}". */
    private static boolean isUnset(String value) {
        return value == null || value.isBlank() || value.startsWith("${");
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
