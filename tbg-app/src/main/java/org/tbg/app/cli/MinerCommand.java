package org.tbg.app.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.app.config.HostPort;
import org.tbg.stratum.miner.CpuMiner;
import org.tbg.stratum.miner.MinerOptions;
import org.tbg.stratum.miner.MinerStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code tbg miner}: a CPU miner for tests and demos. Mines until the duration is over, the
 * requested blocks are found, or the process is stopped, then prints one summary line.
 * Exit 1 when the miner failed or {@code --blocks} was not reached.
 */
@Command(name = "miner", mixinStandardHelpOptions = true, versionProvider = TbgVersion.class,
        description = "Mine on a Stratum V1 pool with the CPU (for tests and demos).")
public final class MinerCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(MinerCommand.class);
    /** How long Ctrl-C waits for the summary line before the JVM goes down. */
    private static final long SUMMARY_WAIT_SECONDS = 5;

    @Option(names = {"-o", "--url"}, required = true, paramLabel = "HOST:PORT",
            description = "The pool; a stratum+tcp:// prefix is accepted.")
    String url;

    @Option(names = {"-u", "--user"}, required = true, paramLabel = "USER",
            description = "ADDRESS[.WORKER]: blocks pay this address.")
    String user;

    @Option(names = {"-p", "--pass"}, paramLabel = "PASS", defaultValue = "x",
            description = "Password; d=N asks for difficulty N (default: ${DEFAULT-VALUE}).")
    String password;

    @Option(names = {"-t", "--threads"}, paramLabel = "THREADS", defaultValue = "1",
            description = "Hashing threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop after this many seconds (default: run until stopped).")
    Long durationSeconds;

    @Option(names = "--blocks", paramLabel = "N", defaultValue = "0", description = "Stop after finding N blocks (default: never).")
    int blocks;

    @Option(names = "--no-version-rolling", description = "Do not ask for BIP310 version rolling.")
    boolean noVersionRolling;

    @Mixin
    LoggingOptions logging;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        logging.apply();
        MinerOptions options = options();
        CpuMiner miner = new CpuMiner(options);
        CountDownLatch reported = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            miner.stop();
            try {
                reported.await(SUMMARY_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tbg-miner-stop"));

        long started = System.nanoTime();
        try {
            MinerStats stats = miner.run();
            spec.commandLine().getOut().println(summary(stats, Duration.ofNanos(System.nanoTime() - started)));
            spec.commandLine().getOut().flush();
            return blocks > 0 && stats.blocksFound() < blocks ? 1 : 0;
        } catch (RuntimeException e) {
            log.debug("miner failed", e);
            spec.commandLine().getErr().println("tbg miner: " + FailureMessage.of(e));
            return 1;
        } finally {
            reported.countDown();
        }
    }

    /** The command line as the miner's options; a bad value is a usage error (exit 2). */
    MinerOptions options() {
        String address = url.startsWith("stratum+tcp://") ? url.substring("stratum+tcp://".length()) : url;
        HostPort pool = HostPort.parse(address).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "Invalid value for option '-o': '" + url + "' (HOST:PORT)"));
        try {
            return new MinerOptions(pool.host(), pool.port(), user, password, threads, !noVersionRolling,
                    durationSeconds == null ? null : Duration.ofSeconds(durationSeconds), blocks);
        } catch (IllegalArgumentException e) { // MinerOptions owns the rules for the other values
            throw new ParameterException(spec.commandLine(), "Invalid option: " + e.getMessage());
        }
    }

    /** One line: what was done and how fast. */
    static String summary(MinerStats stats, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        String rejects = stats.rejectsByReason().isEmpty() ? "" : " " + stats.rejectsByReason();
        return String.format(Locale.ROOT,
                "miner: %.1f s, %d hashes (%s), shares submitted %d, accepted %d, rejected %d%s, blocks %d",
                seconds, stats.hashes(), hashRate(stats.hashes() / seconds), stats.sharesSubmitted(),
                stats.sharesAccepted(), stats.sharesRejected(), rejects, stats.blocksFound());
    }

    static String hashRate(double perSecond) {
        String[] units = {"H/s", "kH/s", "MH/s", "GH/s", "TH/s"};
        int unit = 0;
        while (perSecond >= 1000 && unit < units.length - 1) {
            perSecond /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", perSecond, units[unit]);
    }
}
