package org.tbg.app.cli;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.app.config.EventsConfig;
import org.tbg.app.demo.DemoStatus;
import org.tbg.app.demo.HashrateProbe;
import org.tbg.app.events.PoolEventPipeline;
import org.tbg.app.http.StatusServer;
import org.tbg.bitcoin.address.AddressEncoder;
import org.tbg.bitcoin.address.Network;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.devnet.Devnet;
import org.tbg.devnet.DevnetOptions;
import org.tbg.pool.Pool;
import org.tbg.pool.PoolSettings;
import org.tbg.pool.difficulty.VardiffSettings;
import org.tbg.stratum.miner.CpuMiner;
import org.tbg.stratum.miner.MinerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tbg demo}: the whole system on one machine with nothing installed — an embedded regtest
 * chain (devnet), the pool on :3333, metrics on :9100 and a built-in CPU miner, with the block
 * difficulty chosen from this machine's measured hash rate so a block comes about every
 * {@code --block-time} seconds. Ctrl-C stops everything.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = TbgVersion.class,
        description = {"Run an embedded regtest chain, the pool and a CPU miner that finds blocks.",
                "Other miners can join: stratum+tcp://<this host>:3333 with a regtest address (bcrt1…) as username."})
public final class DemoCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DemoCommand.class);

    /** Shares of the built-in miner come about this often (seconds), so the status moves visibly. */
    static final double SHARE_SECONDS = 2;
    /** How long the hash rate probe runs before anything starts. */
    static final long PROBE_MILLIS = 400;

    @Option(names = "--port", defaultValue = "3333", description = "Stratum port (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "Stratum listen address; 0.0.0.0 lets LAN miners join. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--metrics-port", defaultValue = "9100", description = "Prometheus /metrics, /health, /ready (0 = off). Default: ${DEFAULT-VALUE}.")
    int metricsPort;

    @Option(names = "--block-time", defaultValue = "30", description = "Wanted seconds between blocks of the built-in miner. Default: ${DEFAULT-VALUE}.")
    double blockTime;

    @Option(names = "--threads", defaultValue = "1", description = "Threads of the built-in miner (0 = no built-in miner). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--mempool", defaultValue = "200", description = "Synthetic transactions in each block's template. Default: ${DEFAULT-VALUE}.")
    int mempool;

    @Option(names = "--max-clients", defaultValue = "10000", description = "Connection cap of the demo pool. Default: ${DEFAULT-VALUE}.")
    int maxClients;

    @Option(names = "--exit-after-blocks", defaultValue = "0", description = "Stop after this many accepted blocks (0 = run until Ctrl-C).")
    int exitAfterBlocks;

    @Option(names = "--log-dir", defaultValue = "logs/demo", description = "Logs and the block journal. Default: ${DEFAULT-VALUE}.")
    Path logDir;

    @Mixin
    LoggingOptions logging;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        if (blockTime <= 0 || threads < 0 || mempool < 0 || port < 0 || metricsPort < 0 || maxClients < 1) {
            spec.commandLine().getErr().println("tbg demo: --block-time must be > 0, --max-clients >= 1; --threads, --mempool and ports must be >= 0");
            return 2;
        }
        double perThread = HashrateProbe.measure(PROBE_MILLIS);
        double rate = perThread * Math.max(1, threads);
        double blockDiff = HashrateProbe.difficultyFor(rate, blockTime);
        double shareDiff = Math.min(HashrateProbe.difficultyFor(rate, SHARE_SECONDS), blockDiff / 4);
        log.info("this machine hashes {} per thread: block difficulty {} (a block every ~{} s), share difficulty {}",
                DemoStatus.human(perThread), fmt(blockDiff), fmt(blockTime), fmt(shareDiff));

        Files.createDirectories(logDir);
        Devnet devnet = new Devnet(DevnetOptions.builder()
                .rpcHost("127.0.0.1").rpcPort(0)
                .rpcCredentials("tbg-demo", HexFormat.of().formatHex(new SecureRandom().generateSeed(12)))
                .difficulty(blockDiff)
                .mempoolSize(mempool)
                .build()).start();
        Pool pool = new Pool(settings(devnet, shareDiff));
        // the demo journals every event like a real pool does (no NATS, no socket)
        PoolEventPipeline events = PoolEventPipeline.open(pool, new EventsConfig(List.of(EventsConfig.ALL),
                logDir.resolve("events"), null, 65_536, Duration.ofSeconds(60)), null);
        CpuMiner[] miner = new CpuMiner[1];
        StatusServer[] http = new StatusServer[1];
        ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tbg-demo-status");
            t.setDaemon(true);
            return t;
        });
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopping.compareAndSet(false, true)) {
                status.shutdownNow();
                if (miner[0] != null) miner[0].stop();
                if (http[0] != null) http[0].close();
                pool.close();
                events.close();
                devnet.close();
                log.info("demo stopped");
            }
            stopped.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "tbg-demo-shutdown"));
        try {
            pool.start();
            events.startHashrateUpdates(pool);
            if (metricsPort > 0) {
                http[0] = StatusServer.forPool(pool, new InetSocketAddress(metricsPort), events.bus());
            }
        } catch (Exception e) {
            stop.run();
            spec.commandLine().getErr().println("tbg demo: cannot start: " + FailureMessage.of(e));
            return 1;
        }
        int stratumPort = pool.boundAddresses().get(0).getPort();
        String payout = demoAddress("miner");
        if (threads > 0) {
            miner[0] = new CpuMiner(new MinerOptions("127.0.0.1", stratumPort, payout + ".demo-cpu", "x", threads, true, null, 0));
            Thread t = new Thread(miner[0]::run, "tbg-demo-miner");
            t.setDaemon(true);
            t.start();
        }
        log.info("demo pool on stratum+tcp://{}:{} — built-in miner pays {}; join with any regtest address, e.g. {}.yourrig",
                bind, stratumPort, payout, demoAddress("guest"));
        DemoStatus line = new DemoStatus();
        boolean tty = System.console() != null;
        status.scheduleAtFixedRate(() -> {
            String text = line.line(pool.stats(), pool.health());
            if (tty) {
                System.out.print("\r" + text + "   ");
                System.out.flush();
            } else {
                System.out.println(text);
            }
            if (exitAfterBlocks > 0 && pool.stats().blocksAccepted() >= exitAfterBlocks) {
                log.info("{} block(s) accepted: stopping", pool.stats().blocksAccepted());
                new Thread(stop, "tbg-demo-stop").start();
            }
        }, 2, 2, TimeUnit.SECONDS);
        stopped.await();
        return 0;
    }

    private PoolSettings settings(Devnet devnet, double shareDiff) {
        return new PoolSettings(List.of(devnet.endpoint()), demoAddress("pool"), "/TBG-demo/",
                Duration.ofMillis(100), null, Duration.ofSeconds(30), List.of(new InetSocketAddress(bind, port)),
                shareDiff / 1000, shareDiff, 0, 4, 8, 0x1fffe000, maxClients, 0, logDir, "demo", "demo", 4096,
                Duration.ofSeconds(60), Duration.ofSeconds(5), VardiffSettings.DEFAULTS);
    }

    /** A regtest P2WPKH address for a label (no one holds its key: demo coins are play money). */
    static String demoAddress(String label) {
        byte[] h = Sha256d.sha256(("tbg-demo:" + label).getBytes(StandardCharsets.UTF_8));
        return AddressEncoder.p2wpkh(Network.REGTEST, java.util.Arrays.copyOf(h, 20));
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.6g", d);
    }
}
