package org.tbg.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for integration tests: a fresh cluster (initdb, UTF8) in a temp
 * directory, listening on a free loopback port only (no Unix socket), with role {@value #USER}
 * (password {@value #PASSWORD}, password auth) owning database {@value #DATABASE}. Settings trade
 * durability against an OS crash for speed ({@code fsync=off}); a killed server still recovers
 * every committed row, as a crashed one would.
 *
 * <p>{@link #stop()} (a fast shutdown: sessions end, a checkpoint is written) / {@link #kill()}
 * (SIGKILL to the postmaster and its backends) and {@link #start()} take it away and bring it back
 * on the same port with the same data, to test a database outage; a start after a kill includes
 * crash recovery. {@link #close()} stops it and deletes its data. Output goes to
 * {@code target/postgres/postgres-PORT.log}; a JVM shutdown hook kills every server not yet closed
 * and deletes its data.
 *
 * <p>Programs (initdb, postgres, pg_isready) come from the dir in the system property
 * {@value #BIN_PROPERTY} ({@code scripts/install-postgres.sh} prints it), else the newest
 * {@code /usr/lib/postgresql/VERSION/bin}. initdb and postgres refuse to run as root, so as root
 * they run as the {@code postgres} system user through {@code setpriv}, which execs rather than
 * forks: the process this class holds is the postmaster itself.
 *
 * <p>Thread-safe; process control is serialized.
 */
public final class PostgresServer extends ManagedServer {
    public static final String BIN_PROPERTY = "tbg.pg.bin";
    public static final String USER = "tbg";
    public static final String PASSWORD = "tbg";
    public static final String DATABASE = "tbg";
    /** Debian's default for fallback lookup; one subdirectory per major version. */
    static final Path DEBIAN_ROOT = Path.of("/usr/lib/postgresql");
    /** initdb takes a few seconds on a loaded machine; a generous bound. */
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(120);
    /** Startup, including crash recovery after kill(), takes well under a second here. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** A fast shutdown ends sessions at once; only a huge checkpoint would take long. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** The system user that runs the server when the tests run as root. */
    static final String SERVER_OS_USER = "postgres";

    private final Path binDir;
    private final Path baseDir;
    private final Path dataDir;
    /** setpriv prefix when running as root, else empty. */
    private final List<String> runAs;

    private PostgresServer(Path binDir, int port) {
        // the base dir is made here because the command names it, and super() must come first
        this(binDir, port, TempDirectories.create("tbg-postgres-" + port + "-"), runAsPrefix());
    }

    private PostgresServer(Path binDir, int port, Path baseDir, List<String> runAs) {
        // SIGINT is PostgreSQL's fast shutdown: sessions end at once, a checkpoint is written.
        super(new ServerLifecycle("postgres", port, baseDir, Path.of("target", "postgres", "postgres-" + port + ".log").toAbsolutePath(),
                command(binDir, port, baseDir.resolve("data"), runAs), () -> acceptsConnections(binDir, port),
                READY_TIMEOUT, "INT", STOP_TIMEOUT));
        this.binDir = binDir;
        this.baseDir = baseDir;
        this.dataDir = baseDir.resolve("data");
        this.runAs = runAs;
    }

    /**
     * Creates a cluster on a free loopback port, starts it and waits until it accepts connections.
     *
     * @throws IllegalStateException when PostgreSQL is not installed or does not come up (with its log)
     */
    public static PostgresServer launch() {
        return launched(new PostgresServer(binDir(), Ports.freePort()));
    }

    /** The dir with initdb and postgres: {@value #BIN_PROPERTY}, else the newest Debian install. */
    public static Path binDir() {
        Optional<String> configured = ServerBinaries.property(BIN_PROPERTY);
        Path dir = configured.map(value -> Path.of(value).toAbsolutePath()).or(PostgresServer::newestDebianBinDir)
                .orElseThrow(() -> new IllegalStateException("PostgreSQL not found: run scripts/install-postgres.sh and pass its last line as -D"
                        + BIN_PROPERTY + "=DIR"));
        for (String program : List.of("initdb", "postgres", "pg_isready")) {
            if (!Files.isExecutable(dir.resolve(program))) {
                throw new IllegalStateException("no executable " + program + " in " + dir
                        + (configured.isPresent() ? " (from -D" + BIN_PROPERTY + ")" : "") + ": run scripts/install-postgres.sh");
            }
        }
        return dir;
    }

    /** {@code jdbc:postgresql://127.0.0.1:PORT/tbg}; log in with {@link #user()} / {@link #password()}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    /** {@code postgresql://tbg:tbg@127.0.0.1:PORT/tbg}, the URL form with credentials. */
    public String url() {
        return "postgresql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port() + "/" + DATABASE;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    @Override
    public String toString() {
        return "PostgresServer[127.0.0.1:" + port() + "]";
    }

    private static List<String> command(Path binDir, int port, Path dataDir, List<String> runAs) {
        List<String> command = new ArrayList<>(runAs);
        command.addAll(List.of(binDir.resolve("postgres").toString(),
                "-D", dataDir.toString(),
                "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",   // TCP only: no socket file outside the temp dir
                "-c", "fsync=off",                  // test data need not survive an OS crash
                "-c", "full_page_writes=off",       // torn pages only come from OS crashes too
                "-c", "shared_buffers=32MB",        // several servers share a small machine
                "-c", "max_connections=100"));
        return command;
    }

    /** Creates the cluster: initdb, then the role and database through single-user mode (no listener needed yet). */
    @Override
    void prepare() {
        try {
            Files.setPosixFilePermissions(baseDir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createDirectory(dataDir);
            if (!runAs.isEmpty()) {
                // The server user must own the data dir; it only needs to pass through the base dir.
                UserPrincipalLookupService users = dataDir.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(dataDir, users.lookupPrincipalByName(SERVER_OS_USER));
                Files.getFileAttributeView(dataDir, PosixFileAttributeView.class)
                        .setGroup(users.lookupPrincipalByGroupName(SERVER_OS_USER));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare " + dataDir + " for PostgreSQL"
                    + (runAs.isEmpty() ? "" : " (as root it must belong to the '" + SERVER_OS_USER + "' system user)") + ": " + e, e);
        }
        List<String> initdb = new ArrayList<>(runAs);
        initdb.addAll(List.of(binDir.resolve("initdb").toString(),
                "-D", dataDir.toString(),
                "-U", "postgres",
                "-E", "UTF8",
                "--locale=C",
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "--no-sync"));
        ServerProcess.run("initdb", initdb, baseDir, logFile(), "", INIT_TIMEOUT);
        List<String> single = new ArrayList<>(runAs);
        single.addAll(List.of(binDir.resolve("postgres").toString(),
                "--single", "-D", dataDir.toString(),
                "-c", "exit_on_error=on",        // a failed statement fails the run, not just prints
                "-c", "fsync=off",
                "postgres"));
        String sql = String.join("\n",
                "SET password_encryption = 'scram-sha-256';",
                "CREATE ROLE " + USER + " LOGIN CREATEDB PASSWORD '" + PASSWORD + "';",
                "CREATE DATABASE " + DATABASE + " OWNER " + USER + ";",
                "");
        ServerProcess.run("postgres --single (creating role and database " + DATABASE + ")", single, baseDir, logFile(), sql, INIT_TIMEOUT);
    }

    /** pg_isready: 0 when the server accepts connections (not while it starts up or recovers). */
    private static boolean acceptsConnections(Path binDir, int port) throws IOException {
        Process probe = new ProcessBuilder(binDir.resolve("pg_isready").toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, "-d", DATABASE, "-t", "2")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!probe.waitFor(5, TimeUnit.SECONDS)) {
                probe.destroyForcibly();
                return false;
            }
            return probe.exitValue() == 0;
        } catch (InterruptedException e) {
            probe.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while probing PostgreSQL", e);
        }
    }

    /** initdb and postgres refuse to run as root: then they run as {@value #SERVER_OS_USER}. */
    private static List<String> runAsPrefix() {
        // initdb's own check is on the effective uid; user.name is its name.
        return "root".equals(System.getProperty("user.name"))
                ? List.of("setpriv", "--reuid=" + SERVER_OS_USER, "--regid=" + SERVER_OS_USER, "--init-groups", "--")
                : List.of();
    }

    private static Optional<Path> newestDebianBinDir() {
        if (!Files.isDirectory(DEBIAN_ROOT)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_ROOT)) {
            return versions
                    .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .filter(v -> Files.isExecutable(v.resolve("bin").resolve("initdb")))
                    .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
