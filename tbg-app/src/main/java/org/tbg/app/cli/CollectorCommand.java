package org.tbg.app.cli;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.app.config.CollectorConfig;
import org.tbg.app.config.CollectorConfigLoader;
import org.tbg.app.config.ConfigException;
import org.tbg.app.http.RuntimeMetrics;
import org.tbg.app.http.StatusServer;
import org.tbg.collector.BatchPipeline;
import org.tbg.collector.Collector;
import org.tbg.collector.CollectorSettings;
import org.tbg.collector.postgres.DatabaseUrl;
import org.tbg.collector.postgres.Retention;
import org.tbg.collector.source.JournalReplay;
import org.tbg.collector.source.NatsEventSource;
import org.tbg.collector.source.SocketEventSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tbg collector}: events from NATS JetStream and/or the Unix event socket into PostgreSQL and
 * Redis until SIGTERM; or, with {@code --replay FILE…}, journal files once, then a summary line.
 * Settings come from the command line, then the environment ({@code DATABASE_URL}, {@code REDIS_URL},
 * {@code NATS_URL}), then {@code -c FILE}. Exit 0 done, 1 cannot run (an unreadable journal, the
 * metrics port taken), 2 bad usage or bad config.
 */
@Command(name = "collector", mixinStandardHelpOptions = true, versionProvider = TbgVersion.class,
        description = "Store pool events in PostgreSQL and Redis Streams (from NATS, the event socket, or journals).")
public final class CollectorCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(CollectorCommand.class);

    static final int EXIT_CANNOT_RUN = 1;
    static final int EXIT_USAGE = 2;
    private static final int MAX_RETENTION_DAYS = 36_500;

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The pool's config file (ckpool.conf format): database_url, redis_url, events.nats_url, event_socket_path, tbg_region.")
    Path configFile;

    @Option(names = "--database", paramLabel = "URL", description = "postgresql://user:password@host:port/db (else DATABASE_URL, else database_url).")
    String database;

    @Option(names = "--redis", paramLabel = "URL", description = "redis://host:port (else REDIS_URL, else redis_url).")
    String redis;

    @Option(names = "--nats", paramLabel = "URL", description = "nats://host:port, several separated by commas (else NATS_URL, else events.nats_url).")
    String nats;

    @Option(names = "--socket", paramLabel = "PATH", description = "Unix datagram socket to listen on (else event_socket_path).")
    Path socket;

    @Option(names = "--region", paramLabel = "NAME", description = "Consume only this region's events (else tbg_region; default: all regions).")
    String region;

    @Option(names = "--durable", paramLabel = "NAME",
            description = "JetStream durable consumer name (default: tbg-collector, or tbg-collector-REGION).")
    String durable;

    @Option(names = "--ack-wait", paramLabel = "SECONDS", defaultValue = "60",
            description = "NATS redelivers an event not acked this long, e.g. after a crash (default: ${DEFAULT-VALUE}).")
    long ackWaitSeconds;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9101",
            description = "Prometheus /metrics and /health; 0 = off (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "5000",
            description = "Events per batch at most (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--events-retention-days", paramLabel = "DAYS", defaultValue = "30",
            description = "Days of mining_events kept (default: ${DEFAULT-VALUE}).")
    int eventsRetentionDays;

    @Option(names = "--shares-retention-days", paramLabel = "DAYS", defaultValue = "90",
            description = "Days of shares kept (default: ${DEFAULT-VALUE}).")
    int sharesRetentionDays;

    @Option(names = "--redis-dedupe-ttl", paramLabel = "SECONDS", defaultValue = "3600",
            description = "How long Redis remembers a streamed event id (default: ${DEFAULT-VALUE}).")
    long redisDedupeTtlSeconds;

    @Option(names = "--stream-maxlen", paramLabel = "N", defaultValue = "100000",
            description = "Approximate length of each mining:<event> stream (default: ${DEFAULT-VALUE}).")
    long streamMaxLen;

    @Option(names = "--replay", paramLabel = "FILE", arity = "1..*",
            description = "Store these journal files (or directories of them) once, print a summary and exit.")
    List<Path> replay;

    @Option(names = "--log-dir", paramLabel = "DIR", description = "Also write logs to DIR/tbg.log.")
    Path logDir;

    @Mixin
    LoggingOptions logging;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;

    public CollectorCommand() {
        this(System.getenv());
    }

    /** @param env the environment the URLs may come from */
    CollectorCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws InterruptedException {
        logging.apply();
        Plan plan;
        try {
            plan = plan();
        } catch (ConfigException | UsageException e) {
            spec.commandLine().getErr().println(e.getMessage());
            return EXIT_USAGE;
        }
        if (logDir != null) {
            try {
                Files.createDirectories(logDir);
            } catch (IOException e) {
                spec.commandLine().getErr().println("tbg collector: cannot use log directory " + logDir + ": " + FailureMessage.of(e));
                return EXIT_CANNOT_RUN;
            }
            LogSetup.writeFilesUnder(logDir);
        }
        return plan.replay().isEmpty() ? collect(plan) : replay(plan);
    }

    /** Everything the command line, environment and config file say, checked. */
    record Plan(CollectorSettings settings, String natsUrl, String durable, String subject, Duration ackWait, Path socket,
                List<Path> replay) {
    }

    Plan plan() {
        CollectorConfigLoader loader = new CollectorConfigLoader(env);
        CollectorConfig config = configFile == null ? loader.fromEnvironment() : loader.load(configFile);
        String db = database != null ? database : config.databaseUrl();
        String rd = redis != null ? redis : config.redisUrl();
        String nt = nats != null ? nats : config.natsUrl();
        Path sock = socket != null ? socket : config.socketPath();
        String reg = region != null ? region : config.region();
        if (db == null) {
            throw new UsageException("tbg collector: no database: give --database URL, DATABASE_URL, or database_url in -c FILE");
        }
        if (rd == null) {
            throw new UsageException("tbg collector: no Redis: give --redis URL, REDIS_URL, or redis_url in -c FILE");
        }
        try {
            DatabaseUrl.parse(db);
        } catch (IllegalArgumentException e) {
            throw notAllowed("--database", "(hidden)", "a postgresql://user:password@host:port/database URL");
        }
        if (!rd.matches("rediss?://\\S+")) {
            throw notAllowed("--redis", "(hidden)", "a redis:// or rediss:// URL");
        }
        if (nt != null && !nt.matches("(nats|tls|ws|wss)://[^,\\s]+(,(nats|tls|ws|wss)://[^,\\s]+)*")) {
            throw notAllowed("--nats", "(hidden)", "nats:// URLs separated by commas");
        }
        if (reg != null && !reg.matches("[A-Za-z0-9_-]{1,64}")) {
            throw notAllowed("--region", reg, "1 to 64 letters, digits, '-' or '_'");
        }
        if (durable != null && !durable.matches("[A-Za-z0-9_-]{1,64}")) {
            throw notAllowed("--durable", durable, "1 to 64 letters, digits, '-' or '_'");
        }
        if (metricsPort < 0 || metricsPort > 65535) {
            throw notAllowed("--metrics-port", Integer.toString(metricsPort), "0 to 65535; 0 = off");
        }
        if (batchSize < 1 || batchSize > CollectorSettings.MAX_BATCH_SIZE) {
            throw notAllowed("--batch-size", Integer.toString(batchSize), "an integer from 1 to " + CollectorSettings.MAX_BATCH_SIZE);
        }
        if (eventsRetentionDays < 1 || eventsRetentionDays > MAX_RETENTION_DAYS) {
            throw notAllowed("--events-retention-days", Integer.toString(eventsRetentionDays), "1 to " + MAX_RETENTION_DAYS + " days");
        }
        if (sharesRetentionDays < 1 || sharesRetentionDays > MAX_RETENTION_DAYS) {
            throw notAllowed("--shares-retention-days", Integer.toString(sharesRetentionDays), "1 to " + MAX_RETENTION_DAYS + " days");
        }
        if (redisDedupeTtlSeconds < 1 || redisDedupeTtlSeconds >= eventsRetentionDays * 86_400L) {
            throw notAllowed("--redis-dedupe-ttl", Long.toString(redisDedupeTtlSeconds),
                    "seconds, at least 1 and less than the events retention");
        }
        if (ackWaitSeconds < NatsEventSource.MIN_ACK_WAIT.toSeconds() || ackWaitSeconds > 86_400) {
            throw notAllowed("--ack-wait", Long.toString(ackWaitSeconds),
                    "seconds from " + NatsEventSource.MIN_ACK_WAIT.toSeconds() + " to 86400");
        }
        if (streamMaxLen < 1) {
            throw notAllowed("--stream-maxlen", Long.toString(streamMaxLen), "an integer >= 1");
        }
        List<Path> replayFiles = replay == null ? List.of() : List.copyOf(replay);
        for (Path p : replayFiles) {
            if (!Files.exists(p)) {
                throw notAllowed("--replay", p.toString(), "an existing journal file or directory");
            }
        }
        if (replayFiles.isEmpty() && nt == null && sock == null) {
            throw new UsageException("tbg collector: nothing to collect from: give --nats URL (or NATS_URL, events.nats_url),"
                    + " --socket PATH (or event_socket_path), or --replay FILE...");
        }
        CollectorSettings settings = CollectorSettings.defaults(db, rd)
                .withBatchSize(batchSize)
                .withRetention(new Retention(eventsRetentionDays, sharesRetentionDays))
                .withRedisDedupeTtl(Duration.ofSeconds(redisDedupeTtlSeconds))
                .withStreamMaxLen(streamMaxLen);
        String durableName = durable != null ? durable
                : reg == null ? NatsEventSource.DEFAULT_DURABLE : NatsEventSource.DEFAULT_DURABLE + "-" + reg;
        return new Plan(settings, nt, durableName, NatsEventSource.subjectFor(reg), Duration.ofSeconds(ackWaitSeconds), sock,
                replayFiles);
    }

    private int collect(Plan plan) throws InterruptedException {
        PrometheusRegistry registry = new PrometheusRegistry();
        RuntimeMetrics.register(registry); // JVM and process metrics, as the pool exports them
        AtomicReference<Collector> collector = new AtomicReference<>();
        AtomicReference<StatusServer> status = new AtomicReference<>();
        List<BatchPipeline> pipelines = new ArrayList<>();
        CountDownLatch closed = new CountDownLatch(1);
        AtomicBoolean closing = new AtomicBoolean();
        // SIGTERM / Ctrl-C: stop fetching, finish or abandon (unacked) the batch in hand, close
        Runnable close = () -> {
            if (closing.compareAndSet(false, true)) {
                StatusServer http = status.get();
                if (http != null) {
                    http.close();
                }
                Collector c = collector.get();
                if (c != null) {
                    c.close();
                }
            }
            closed.countDown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(close, "tbg-collector-shutdown"));
        try {
            collector.set(new Collector(plan.settings(), registry, Clock.systemUTC()));
            if (metricsPort > 0) {
                status.set(StatusServer.forCollector(collector.get(), registry, new InetSocketAddress(metricsPort)));
            }
            if (!collector.get().start()) {
                return 0; // stopped while waiting for the database
            }
            if (plan.natsUrl() != null) {
                pipelines.add(collector.get().collect(new NatsEventSource(plan.natsUrl(), plan.durable(), plan.subject(),
                        Math.max(4 * plan.settings().batchSize(), 1_000), plan.ackWait(), Clock.systemUTC())));
            }
            if (plan.socket() != null) {
                pipelines.add(collector.get().collect(SocketEventSource.bind(plan.socket(), 2 * plan.settings().batchSize())));
            }
        } catch (IOException | RuntimeException e) {
            log.debug("collector start failed", e);
            close.run();
            spec.commandLine().getErr().println("tbg collector: cannot start: " + FailureMessage.of(e));
            return EXIT_CANNOT_RUN;
        }
        // a pipeline that ended by itself is a bug: exit so that the supervisor restarts the collector
        while (!closed.await(1, TimeUnit.SECONDS)) {
            for (BatchPipeline p : pipelines) {
                if (p.await(Duration.ZERO) && !closing.get()) {
                    log.error("a pipeline stopped unexpectedly; exiting so that the collector is restarted");
                    close.run();
                    return EXIT_CANNOT_RUN;
                }
            }
        }
        return 0;
    }

    private int replay(Plan plan) throws InterruptedException {
        try (Collector collector = new Collector(plan.settings(), new PrometheusRegistry(), Clock.systemUTC())) {
            JournalReplay source;
            try {
                source = JournalReplay.of(plan.replay());
            } catch (IOException e) {
                spec.commandLine().getErr().println("tbg collector: cannot read journals: " + FailureMessage.of(e));
                return EXIT_CANNOT_RUN;
            }
            log.info("replaying {} journal file(s)", source.files().size());
            if (!collector.start()) {
                return EXIT_CANNOT_RUN;
            }
            BatchPipeline pipeline = collector.collect(source);
            while (!pipeline.await(Duration.ofSeconds(1))) {
                // the JVM's shutdown hooks end a replay cut short; nothing to do here
            }
            spec.commandLine().getOut().println("replay: " + collector.totals().summary("lines"));
            spec.commandLine().getOut().flush();
            if (pipeline.failure() != null) {
                spec.commandLine().getErr().println("tbg collector: replay stopped: " + FailureMessage.of(pipeline.failure()));
                return EXIT_CANNOT_RUN;
            }
            return 0;
        }
    }

    private static UsageException notAllowed(String option, String value, String allowed) {
        return new UsageException("tbg collector: " + option + " = " + value + " is not allowed (" + allowed + ")");
    }

    /** A bad option: the message names it, its value (unless secret) and what is allowed. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message, null, false, false);
        }
    }
}
