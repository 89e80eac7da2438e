package org.tbg.app.state;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.pool.state.CoinbaseSignature;
import org.tbg.pool.state.InMemoryMinerStateStore;
import org.tbg.pool.state.MinerStateStore;
import org.tbg.pool.state.RememberedDifficulties;
import org.tbg.pool.state.SignatureCache;

/**
 * Miner state shared through Redis, answered from memory (see {@link MinerStateStore} for the contract).
 *
 * <p>How it never blocks the share path: {@link #signatureFor} and {@link #remember} only touch
 * concurrent maps; reads of new addresses, periodic re-reads, coalesced writes and connecting
 * run on one background thread ({@code tbg-redis-state}) through Lettuce's asynchronous API on
 * one multiplexed connection. {@link #lastDifficulty} and {@link #loadSignature} may send one
 * command from the caller's thread, which Lettuce only queues (bounded; rejected at once while
 * disconnected); their stages complete on Lettuce's I/O thread within the command timeout.
 *
 * <p>Redis unreachable (at start or later): signatures answer empty (the pool's {@code btcsig}, as
 * spec/storage.md asks), difficulties come from this process's memory, writes wait coalesced
 * (bounded) and go out when Redis is back; one WARN when it goes away, one INFO when it is back.
 * Lettuce reconnects an established connection by itself (exponential backoff up to
 * {@link RedisStateOptions#reconnectMaxDelay}); a first connect that fails is retried here with the
 * same backoff. On reconnect every cached signature is read again and pending writes are flushed.
 */
public final class RedisMinerStateStore implements MinerStateStore {
    private static final Logger log = LoggerFactory.getLogger(RedisMinerStateStore.class);

    /** Keys per MGET: a refresh of many addresses stays a few commands, each answer stays short. */
    private static final int READ_BATCH = 256;
    /** Commands Lettuce may hold queued; beyond it a command fails at once instead of growing memory. */
    private static final int REQUEST_QUEUE_SIZE = 16_384;
    /** Shortest reconnect delay; doubles up to {@link RedisStateOptions#reconnectMaxDelay}. */
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    /** A read that failed while Redis counts as up is tried again after this long. */
    private static final long READ_RETRY_MILLIS = 1_000;
    /** How often expired in-process difficulties are dropped. */
    private static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);
    /** Command failures (server errors, timeouts) are logged at most this often. */
    private static final long FAILURE_LOG_INTERVAL_MILLIS = 60_000;

    private final RedisStateOptions options;
    private final RedisURI uri;
    private final String where;
    private final Clock clock;
    private final ClientResources resources;
    private final RedisClient client;
    /** Connects, reads signatures, flushes writes, sweeps; its tasks never wait on Redis. */
    private final ScheduledExecutorService background;
    private final SignatureCache signatures;
    private final RememberedDifficulties difficulties;
    /** Latest difficulty per worker not yet written: coalesces bursts, holds writes while Redis is away. */
    private final ConcurrentHashMap<String, Double> pendingWrites = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> unreadAddresses = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean readScheduled = new AtomicBoolean();
    private final AtomicBoolean up = new AtomicBoolean();
    /** Set by the WARN that Redis is unreachable, cleared by the INFO that it is back. */
    private final AtomicBoolean outage = new AtomicBoolean();
    private final AtomicInteger failedConnects = new AtomicInteger();
    private final AtomicLong lastFailureLogMillis = new AtomicLong(Long.MIN_VALUE / 2);
    private final LongAdder droppedWrites = new LongAdder();
    private final AtomicBoolean droppingWrites = new AtomicBoolean();
    /** Null until the first connect succeeds; then Lettuce keeps it connected. */
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean closed;
    /** The latest connect attempt; close waits for it so none completes on a shut-down event loop. */
    private volatile CompletableFuture<StatefulRedisConnection<String, String>> connecting;

    private RedisMinerStateStore(RedisStateOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.uri = RedisURI.create(options.redisUrl());
        this.uri.setTimeout(options.commandTimeout());
        this.where = RedisStateOptions.where(uri);
        this.signatures = new SignatureCache(options.maxCachedAddresses(), this::readSoon);
        this.difficulties = new RememberedDifficulties(options.difficultyTtl(), options.maxRememberedWorkers(), clock);
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2) // Lettuce's minimum; one connection uses one of them
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(FIRST_RETRY, options.reconnectMaxDelay(), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .socketOptions(SocketOptions.builder().connectTimeout(options.connectTimeout()).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(options.commandTimeout()))
                .build());
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tbg-redis-state");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.background = executor;
    }

    /** A store for {@code options}; it connects in the background and answers from memory meanwhile. */
    /**
     * The store for the {@code redis_url} setting: Redis-backed when set (connecting in the
     * background), in memory only when null or blank.
     * @throws IllegalArgumentException when the URL cannot be parsed
     */
    public static MinerStateStore forUrl(String redisUrl) {
        if (redisUrl == null || redisUrl.isBlank()) {
            return new InMemoryMinerStateStore();
        }
        return start(RedisStateOptions.defaults(redisUrl));
    }

    public static RedisMinerStateStore start(RedisStateOptions options) {
        return start(options, Clock.systemUTC());
    }

    static RedisMinerStateStore start(RedisStateOptions options, Clock clock) {
        RedisMinerStateStore store = new RedisMinerStateStore(options, clock);
        store.begin();
        return store;
    }

    private void begin() {
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> c, SocketAddress address) {
                if (connection != null) { // the first connect reports itself when its handshake is done
                    markUp();
                }
            }

            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> c) {
                markDown("connection lost");
            }
        });
        every(options.flushInterval(), this::flush);
        every(options.signatureRefresh(), this::refreshSignatures);
        every(SWEEP_INTERVAL, difficulties::sweep);
        background.execute(guarded(this::connect));
    }

    // ---- the contract ---------------------------------------------------------------------

    @Override
    public Optional<String> signatureFor(String address) {
        SignatureCache.Entry e = signatures.ask(address, clock.millis());
        if (e == null || !up.get()) {
            return Optional.empty();
        }
        return e.signature();
    }

    @Override
    public CompletionStage<Optional<String>> loadSignature(String address) {
        SignatureCache.Entry e = signatures.ask(address, clock.millis());
        if (e == null || !up.get()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (e.loaded() || e.firstRead().isDone()) {
            return CompletableFuture.completedFuture(e.signature());
        }
        // The read is queued on the background thread; give it the command timeout and some slack.
        return e.firstRead().copy().completeOnTimeout(Optional.empty(),
                options.commandTimeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void remember(String worker, double difficulty) {
        MinerStateStore.checkDifficulty(difficulty);
        difficulties.put(worker, difficulty);
        if (pendingWrites.size() >= options.maxPendingWrites() && !pendingWrites.containsKey(worker)) {
            droppedWrites.increment();
            if (droppingWrites.compareAndSet(false, true)) {
                log.warn("redis {}: {} reconnect difficulties wait to be written; dropping further ones until they are",
                        where, pendingWrites.size());
            }
            return;
        }
        pendingWrites.put(worker, difficulty);
    }

    @Override
    public CompletionStage<OptionalDouble> lastDifficulty(String worker) {
        OptionalDouble known = difficulties.get(worker);
        StatefulRedisConnection<String, String> c = connection;
        if (known.isPresent() || c == null || !up.get()) {
            return CompletableFuture.completedFuture(known);
        }
        CompletableFuture<OptionalDouble> answer;
        try {
            answer = c.async().get(RedisKeys.vardiff(worker)).handle((text, err) -> {
                if (err != null) {
                    commandFailed("GET vardiff", err);
                    return OptionalDouble.empty();
                }
                OptionalDouble d = RedisKeys.parseDifficulty(text);
                d.ifPresent(v -> difficulties.putIfAbsent(worker, v));
                return d;
            }).toCompletableFuture();
        } catch (RuntimeException e) { // Lettuce reports failures in the future; this is belt and braces
            commandFailed("GET vardiff", e);
            return CompletableFuture.completedFuture(OptionalDouble.empty());
        }
        // The command timeout bounds the GET; this bounds everything around it.
        return answer.completeOnTimeout(OptionalDouble.empty(),
                options.commandTimeout().multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether Redis is connected now (for health and metrics). */
    public boolean redisAvailable() {
        return up.get();
    }

    /** Difficulty writes dropped because too many waited (Redis away for long); for metrics. */
    public long droppedWrites() {
        return droppedWrites.sum();
    }

    /**
     * Stops the background work, writes pending difficulties when Redis is there (waiting at most
     * the command timeout), and closes the connection. Blocks for a few seconds at most.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        background.shutdownNow();
        try {
            background.awaitTermination(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture<?> attempt = connecting;
            if (attempt != null && !attempt.isDone()) {
                attempt.handle((c, err) -> null).get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
            List<CompletableFuture<?>> writes = flush();
            if (!writes.isEmpty()) {
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                        .get(options.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // counted below as not written
        }
        if (!pendingWrites.isEmpty()) {
            log.info("redis {}: {} reconnect difficulties not written at close", where, pendingWrites.size());
        }
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    // ---- connection state -----------------------------------------------------------------

    /** Background thread: one connect attempt; a failure schedules the next one. */
    private void connect() {
        if (closed) {
            return;
        }
        try {
            CompletableFuture<StatefulRedisConnection<String, String>> attempt =
                    client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
            connecting = attempt;
            attempt.whenComplete((c, err) -> {
                if (err != null) {
                    connectFailed(err);
                } else if (closed) {
                    c.closeAsync();
                } else {
                    connection = c;
                    failedConnects.set(0);
                    markUp();
                }
            });
        } catch (RuntimeException e) {
            if (!closed) { // after close Lettuce refuses to connect: expected, nothing to retry
                connectFailed(e);
            }
        }
    }

    private void connectFailed(Throwable err) {
        markDown(describe(err));
        int attempt = failedConnects.getAndIncrement();
        long delay = Math.min(FIRST_RETRY.toMillis() << Math.min(attempt, 16), options.reconnectMaxDelay().toMillis());
        schedule(this::connect, delay);
    }

    private void markUp() {
        if (closed || !up.compareAndSet(false, true)) {
            return;
        }
        if (outage.compareAndSet(true, false)) {
            log.info("redis {} is back: coinbase signatures and reconnect difficulties are shared again", where);
        } else {
            log.info("redis {} connected: coinbase signatures and reconnect difficulties are shared", where);
        }
        schedule(() -> {
            flush();
            refreshSignatures();
        }, 0);
    }

    private void markDown(String reason) {
        up.set(false);
        if (!closed && outage.compareAndSet(false, true)) {
            log.warn("redis {} unreachable ({}): using in-process state and the pool's btcsig; retrying in the background",
                    where, reason);
        }
    }

    // ---- background work ------------------------------------------------------------------

    /** Any thread: a new address is queued and read soon, in a batch with others that came meanwhile. */
    private void readSoon(String address) {
        unreadAddresses.add(address);
        if (readScheduled.compareAndSet(false, true) && !closed) {
            try {
                background.execute(guarded(this::readNewAddresses));
            } catch (RejectedExecutionException e) {
                readScheduled.set(false); // closing
            }
        }
    }

    private void readNewAddresses() {
        readScheduled.set(false);
        List<String> batch = new ArrayList<>();
        for (String a; (a = unreadAddresses.poll()) != null; ) {
            batch.add(a);
        }
        read(batch);
    }

    /** Drops idle addresses and reads every other one again. */
    private void refreshSignatures() {
        signatures.evictAskedBefore(clock.millis() - options.signatureIdle().toMillis());
        read(signatures.addresses());
    }

    /** Reads the signatures of {@code addresses} with MGETs; answers are applied on Lettuce's thread. */
    private void read(List<String> addresses) {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null || !up.get()) {
            addresses.forEach(signatures::readFailed); // read again when Redis is back
            return;
        }
        for (int from = 0; from < addresses.size(); from += READ_BATCH) {
            List<String> batch = addresses.subList(from, Math.min(addresses.size(), from + READ_BATCH));
            String[] keys = batch.stream().map(RedisKeys::userCoinbase).toArray(String[]::new);
            c.async().mget(keys).whenComplete((values, err) -> {
                if (err != null || values.size() != batch.size()) {
                    commandFailed("MGET user_coinbase", err);
                    batch.forEach(signatures::readFailed);
                    if (up.get()) {
                        // e.g. sent in the instant between reconnect and ready: try again rather than wait a whole refresh
                        List<String> again = List.copyOf(batch);
                        schedule(() -> again.forEach(this::readSoon), READ_RETRY_MILLIS);
                    }
                    return;
                }
                for (int i = 0; i < batch.size(); i++) {
                    KeyValue<String, String> kv = values.get(i);
                    signatures.apply(batch.get(i), kv.hasValue() ? kv.getValue() : null);
                }
            });
        }
    }

    /** Sends every pending write once (SET … EX ttl); a failed one waits for the next flush. */
    private List<CompletableFuture<?>> flush() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null || !up.get() || pendingWrites.isEmpty()) {
            return List.of();
        }
        SetArgs ttl = SetArgs.Builder.ex(options.difficultyTtl().toSeconds());
        List<CompletableFuture<?>> writes = new ArrayList<>();
        for (Map.Entry<String, Double> w : pendingWrites.entrySet()) {
            String worker = w.getKey();
            Double difficulty = w.getValue();
            if (!pendingWrites.remove(worker, difficulty)) {
                continue; // a newer value came meanwhile: the next flush sends it
            }
            writes.add(c.async().set(RedisKeys.vardiff(worker), RedisKeys.formatDifficulty(difficulty), ttl)
                    .toCompletableFuture()
                    .whenComplete((ok, err) -> {
                        if (err != null) {
                            commandFailed("SET vardiff", err);
                            pendingWrites.putIfAbsent(worker, difficulty);
                        }
                    }));
        }
        if (pendingWrites.isEmpty() && droppingWrites.compareAndSet(true, false)) {
            log.info("redis {}: reconnect difficulty writes caught up ({} dropped so far)", where, droppedWrites.sum());
        }
        return writes;
    }

    /** Server errors and timeouts are logged (rate-limited); lost connections are the listener's to report. */
    private void commandFailed(String what, Throwable err) {
        Throwable cause = unwrap(err);
        if (cause instanceof RedisCommandExecutionException || cause instanceof RedisCommandTimeoutException) {
            long now = clock.millis();
            long last = lastFailureLogMillis.get();
            if (now - last >= FAILURE_LOG_INTERVAL_MILLIS && lastFailureLogMillis.compareAndSet(last, now)) {
                log.warn("redis {}: {} failed: {} (further failures within {} s not logged)", where, what,
                        cause.getMessage(), FAILURE_LOG_INTERVAL_MILLIS / 1000);
            }
        } else if (log.isDebugEnabled()) {
            log.debug("redis {}: {} failed: {}", where, what, cause == null ? "bad answer" : cause.toString());
        }
    }

    private void every(Duration period, Runnable task) {
        long millis = period.toMillis();
        background.scheduleWithFixedDelay(guarded(task), millis, millis, TimeUnit.MILLISECONDS);
    }

    private void schedule(Runnable task, long delayMillis) {
        if (closed) {
            return;
        }
        try {
            background.schedule(guarded(task), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    /** A periodic task that throws stops repeating; log the bug and keep the schedule alive. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("redis state task failed", e);
            }
        };
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** The innermost message (e.g. "Connection refused"), which names no credentials. */
    private static String describe(Throwable err) {
        Throwable t = unwrap(err);
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
