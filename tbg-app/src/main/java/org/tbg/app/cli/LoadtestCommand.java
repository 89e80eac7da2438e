package org.tbg.app.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.app.loadtest.HistogramFile;
import org.tbg.app.loadtest.HostPolicy;
import org.tbg.app.loadtest.LoadGenerator;
import org.tbg.app.loadtest.LoadPlan;
import org.tbg.app.loadtest.LoadProfile;
import org.tbg.app.loadtest.LoadReport;
import org.tbg.app.loadtest.LoadReportJson;
import org.tbg.app.loadtest.LoadReportTable;
import org.tbg.app.loadtest.SourceAddresses;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tbg loadtest}: simulated Stratum V1 miners against a pool, then a report (table on
 * stdout, optionally JSON and a latency histogram). Exit 0 when every connection attempt
 * succeeded and none was dropped, 1 otherwise (the reasons go to stderr), 2 on bad usage.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true, versionProvider = TbgVersion.class,
        description = {
            "Load a Stratum V1 pool with simulated miners and report connects, shares, rejects and reply latency.",
            "",
            "Each miner is one connection: subscribe, authorize as ADDR.lt<N>, wait for a difficulty and a job, "
                    + "then submit at random (Poisson) intervals on the current job. Shares are random headers that miss "
                    + "the network target: mostly low-difficulty rejects, which still run the pool's whole check. With "
                    + "--valid-shares they are ground on the CPU to meet the share target, with bounded work per share.",
            "",
            "The run stops after the duration, waits up to 5 s for replies in flight, closes every connection and exits.",
        },
        footer = {
            "",
            "Profiles (miners, shares/min each, duration, ramp):",
            "  smoke       10    5/min    30 s    2 s ramp  (the default)",
            "  standard   100   10/min    60 s   10 s ramp",
            "  stress    1000   20/min   120 s   30 s ramp",
            "  soak       100   10/min  3600 s   10 s ramp",
            "--miners, --rate, --duration and --ramp change the profile's values; the report then calls it 'custom'.",
            "",
            "Measuring: one generator process holds at most as many connections as its open-file limit (ulimit -n) "
                    + "allows, and one source address about 28k to one pool port (--source-addresses). On a machine shared "
                    + "with the pool, the generator's CPU is taken from the pool: note both processes' CPU. --warmup leaves "
                    + "the first seconds out of the latencies.",
            "",
            "Safety: load only your own test pools. --host must be a loopback address (127.0.0.0/8, ::1, localhost) "
                    + "unless it is allowed with --allow-host: a host name, an address, or a CIDR network such as a test "
                    + "network namespace's (--allow-host 10.200.0.0/24). Any other host is refused before a connection "
                    + "is made, and client.reconnect is followed to the same host and port only.",
            "",
            "Exit status: 0 when every connection attempt succeeded and none was dropped; 1 otherwise (the reasons "
                    + "are printed); 2 on bad usage, a refused host included.",
        })
public final class LoadtestCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(LoadtestCommand.class);

    static final int EXIT_FAILED = 1;
    /** How long Ctrl-C waits for the drain and the report before the JVM goes down. */
    private static final Duration REPORT_WAIT = Duration.ofSeconds(15);

    @Option(names = "--profile", paramLabel = "NAME", description = "smoke, standard, stress or soak (default: smoke).")
    String profile;

    @Option(names = "--miners", paramLabel = "N", description = "Simulated miners, one connection each.")
    Integer miners;

    @Option(names = "--rate", paramLabel = "SHARES_PER_MIN", description = "Submits per miner per minute (fractions allowed).")
    Double rate;

    @Option(names = "--duration", paramLabel = "S", description = "Seconds of submitting, counted from the start.")
    Double durationSeconds;

    @Option(names = "--ramp", paramLabel = "S", description = "Seconds over which the connections are opened, evenly.")
    Double rampSeconds;

    @Option(names = "--warmup", paramLabel = "S", description = "Seconds from the start whose submits are left out of the "
            + "latency figures and the steady rate (default 0): both processes are still compiling their hot paths, and "
            + "the ramp should end within it.")
    Double warmupSeconds;

    @Option(names = "--source-addresses", paramLabel = "LIST", description = "Local addresses to spread the connections over, "
            + "round-robin: IP literals and IPv4 ranges, comma-separated (e.g. 127.0.0.2-127.0.0.9). Each has its own "
            + "~28k ephemeral ports, which one address runs out of near 28k connections to one pool port.")
    String sourceAddresses;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "0",
            description = "Event loop threads of the generator (default: one per core).")
    int ioThreads;

    @Option(names = "--host", paramLabel = "H", defaultValue = LoadPlan.DEFAULT_HOST,
            description = "The pool (default: ${DEFAULT-VALUE}); see Safety below.")
    String host;

    @Option(names = "--port", paramLabel = "P", defaultValue = "" + LoadPlan.DEFAULT_PORT,
            description = "The pool's stratum port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--allow-host", paramLabel = "HOST|ADDRESS|CIDR",
            description = "Also allow this non-loopback target (repeatable).")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--username-prefix", paramLabel = "ADDR", defaultValue = LoadPlan.DEFAULT_ADDRESS,
            description = "Address the miners log in with as ADDR.lt<N> (default: a regtest P2WPKH address, ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--password", paramLabel = "PASS", defaultValue = LoadPlan.DEFAULT_PASSWORD,
            description = "Stratum password; d=N asks the pool for difficulty N (default: ${DEFAULT-VALUE}).")
    String password;

    @Option(names = "--valid-shares", description = "Grind shares that meet the share target (for a pool on regtest/devnet "
            + "at a very low difficulty; use --password d=0.0001 or similar). A share not found quickly is skipped.")
    boolean validShares;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
    Path jsonFile;

    @Option(names = "--histogram", paramLabel = "FILE", description = "Also draw the latency histogram: FILE.png or FILE.html (inline SVG).")
    Path histogramFile;

    @Mixin
    LoggingOptions logging;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        logging.apply();
        LoadPlan plan = plan();
        Optional<HistogramFile> histogram = histogramFormat();
        LoadGenerator generator = new LoadGenerator(plan, profileName());
        CountDownLatch reported = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            generator.stop();
            try {
                reported.await(REPORT_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tbg-loadtest-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        try {
            LoadReport report = generator.run();
            spec.commandLine().getOut().print(LoadReportTable.render(report));
            spec.commandLine().getOut().flush();
            if (!writeFiles(report, histogram)) {
                return EXIT_FAILED;
            }
            List<String> failures = report.failures();
            if (!failures.isEmpty()) {
                spec.commandLine().getErr().println("tbg loadtest: failed: " + String.join("; ", failures));
                return EXIT_FAILED;
            }
            return 0;
        } finally {
            reported.countDown();
            removeHook(onCtrlC);
        }
    }

    /** The command line as a plan; a bad value or a refused host is a usage error (exit 2). */
    LoadPlan plan() {
        LoadProfile base = baseProfile();
        LoadProfile chosen = new LoadProfile(profileName(),
                miners != null ? miners : base.miners(),
                rate != null ? rate : base.sharesPerMinute(),
                durationSeconds != null ? seconds(durationSeconds, "--duration") : base.duration(),
                rampSeconds != null ? seconds(rampSeconds, "--ramp") : base.ramp());
        HostPolicy policy;
        try {
            policy = HostPolicy.allowing(allowHosts);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--allow-host': " + e.getMessage());
        }
        policy.refusal(host).ifPresent(why -> {
            throw new ParameterException(spec.commandLine(), why);
        });
        List<InetAddress> sources;
        try {
            sources = sourceAddresses == null ? List.of() : SourceAddresses.parse(sourceAddresses);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--source-addresses': " + e.getMessage());
        }
        Duration warmup = warmupSeconds != null ? seconds(warmupSeconds, "--warmup") : Duration.ZERO;
        try {
            return new LoadPlan(chosen, host, port, address, password, validShares, warmup, sources, ioThreads);
        } catch (IllegalArgumentException e) { // LoadPlan owns the rules for the values
            throw new ParameterException(spec.commandLine(), "Invalid option: " + e.getMessage());
        }
    }

    /** The profile's own name when no value was changed, else {@value LoadProfile#CUSTOM}. */
    String profileName() {
        boolean changed = miners != null || rate != null || durationSeconds != null || rampSeconds != null;
        return changed ? LoadProfile.CUSTOM : baseProfile().name();
    }

    private LoadProfile baseProfile() {
        if (profile == null) {
            return LoadProfile.SMOKE;
        }
        return LoadProfile.named(profile).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "Invalid value for option '--profile': '" + profile + "' (smoke, standard, stress or soak)"));
    }

    private Optional<HistogramFile> histogramFormat() {
        if (histogramFile == null) {
            return Optional.empty();
        }
        return Optional.of(HistogramFile.forPath(histogramFile).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "Invalid value for option '--histogram': '" + histogramFile + "' (a .png or .html file)")));
    }

    private Duration seconds(double value, String option) {
        if (!Double.isFinite(value) || value < 0 || value > LoadPlan.MAX_DURATION.toSeconds()) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + value);
        }
        return Duration.ofMillis(Math.round(value * 1000));
    }

    /** Writes the JSON and histogram files that were asked for; false (with a message) when one could not be written. */
    private boolean writeFiles(LoadReport report, Optional<HistogramFile> histogram) {
        boolean ok = true;
        if (jsonFile != null) {
            ok &= write("report", jsonFile, () -> LoadReportJson.write(report, jsonFile));
        }
        if (histogram.isPresent()) {
            ok &= write("histogram", histogramFile, () -> histogram.get().write(report, histogramFile));
        }
        return ok;
    }

    private boolean write(String what, Path file, FileWrite action) {
        try {
            action.run();
            log.info("{} written to {}", what, file);
            return true;
        } catch (IOException | RuntimeException e) {
            log.debug("writing the {} failed", what, e);
            spec.commandLine().getErr().println("tbg loadtest: cannot write the " + what + " to " + file + ": " + FailureMessage.of(e));
            return false;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it returns as soon as the report is out
        }
    }

    @FunctionalInterface
    private interface FileWrite {
        void run() throws IOException;
    }
}
