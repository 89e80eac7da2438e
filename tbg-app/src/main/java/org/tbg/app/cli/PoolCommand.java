package org.tbg.app.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.app.config.ConfigException;
import org.tbg.app.config.ConfigLoader;
import org.tbg.app.config.LoadedConfig;
import org.tbg.app.events.PoolEventPipeline;
import org.tbg.app.http.StatusServer;
import org.tbg.app.state.RedisMinerStateStore;
import org.tbg.pool.Pool;
import org.tbg.pool.PoolSettings;
import org.tbg.pool.state.MinerStateStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tbg pool -c FILE}: loads the config, starts the pool and runs until the process is told
 * to stop (SIGTERM, Ctrl-C), then closes it: stops accepting ({@code /ready} answers 503), asks
 * every miner to reconnect, waits for found blocks, and exits within 10 s ({@link Pool#close()}).
 * A second process may listen on the same stratum port meanwhile (docs/runbooks/restart.md).
 * Exit 2 on a bad config, 1 when the pool cannot start.
 */
@Command(name = "pool", mixinStandardHelpOptions = true, versionProvider = TbgVersion.class,
        description = "Run the mining pool (ckpool.conf-format config).")
public final class PoolCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(PoolCommand.class);

    static final int EXIT_CANNOT_START = 1;
    static final int EXIT_BAD_CONFIG = 2;

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "Config file: JSON in the ckpool.conf format, comments allowed.")
    Path configFile;

    @Option(names = "--log-dir", paramLabel = "DIR",
            description = "Directory for logs and pool state; overrides logdir from the config.")
    Path logDir;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Port of /metrics, /health and /ready (0 = none); overrides metrics_port from the config. "
                    + "The second process of a zero-downtime restart needs its own.")
    Integer metricsPort;

    @Mixin
    LoggingOptions logging;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public PoolCommand() {
        this(System.getenv());
    }

    /** @param env the environment the config overrides come from */
    PoolCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        logging.apply();
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
            spec.commandLine().getErr().println("--metrics-port " + metricsPort + " is not allowed (an integer from 1 to 65535, or 0 for none)");
            return EXIT_BAD_CONFIG;
        }
        LoadedConfig config;
        try {
            config = new ConfigLoader(env).load(configFile, logDir);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        PoolSettings settings = config.pool();
        try {
            Files.createDirectories(settings.logDir());
        } catch (IOException e) {
            spec.commandLine().getErr().println("tbg pool: cannot use log directory " + settings.logDir() + ": " + FailureMessage.of(e));
            return EXIT_CANNOT_START;
        }
        LogSetup.writeFilesUnder(settings.logDir());
        log.info("pool {} (region {}) starting with {}", settings.poolInstance(), settings.region(), config.source());
        MinerStateStore state;
        try {
            state = RedisMinerStateStore.forUrl(config.tbg().redisUrl());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("config: " + e.getMessage());
            return EXIT_BAD_CONFIG;
        }
        Pool pool = new Pool(settings);
        pool.minerState(state);
        PoolEventPipeline events;
        try {
            events = PoolEventPipeline.open(pool, config.tbg().events(), config.tbg().eventSocketPath());
        } catch (IOException | RuntimeException e) {
            state.close();
            spec.commandLine().getErr().println("tbg pool: cannot open the event journal: " + FailureMessage.of(e));
            return EXIT_CANNOT_START;
        }
        return runUntilStopped(pool, state, events, metricsPort != null ? metricsPort : config.tbg().metricsPort());
    }

    private int runUntilStopped(Pool pool, MinerStateStore state, PoolEventPipeline events, int metricsPort)
            throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        AtomicBoolean closing = new AtomicBoolean();
        // Runs on a failed start and again from the shutdown hook; the pool is closed once.
        AtomicReference<StatusServer> status = new AtomicReference<>();
        Runnable close = () -> {
            if (closing.compareAndSet(false, true)) {
                pool.close(); // /ready answers 503 from its first step on, so the HTTP server closes last
                StatusServer http = status.get();
                if (http != null) {
                    http.close();
                }
                events.close(); // after the pool: its last facts (disconnects) reach the journal
                state.close();
                log.info("pool stopped");
            }
            closed.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!closing.get()) {
                log.info("stop requested: draining, asking miners to reconnect, closing within {} s", Pool.SHUTDOWN_BUDGET.toSeconds());
            }
            close.run();
        }, "tbg-shutdown"));
        try {
            pool.start();
            events.startHashrateUpdates(pool);
            if (metricsPort > 0) {
                status.set(StatusServer.forPool(pool, new InetSocketAddress(metricsPort), events.bus()));
            }
        } catch (Exception e) {
            log.debug("pool start failed", e);
            close.run();
            spec.commandLine().getErr().println("tbg pool: cannot start: " + FailureMessage.of(e));
            return EXIT_CANNOT_START;
        }
        closed.await();
        return 0;
    }
}
