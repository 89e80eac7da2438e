package org.tbg.stratum.miner;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.stratum.client.StratumClient;
import org.tbg.stratum.message.ReconnectRequest;

/**
 * A small multi-threaded CPU miner speaking Stratum V1: for demos, tests and load, not profit.
 *
 * <p>Session: {@code mining.configure} (version rolling, mask {@value #VERSION_ROLLING_MASK_HEX},
 * when enabled) → {@code mining.subscribe} → {@code mining.authorize}; then every notify replaces
 * the work of all threads. Hashes meeting the share target (from the difficulty in force when the
 * job arrived) are submitted; so is the first hash per job that meets only the header's nbits
 * target, since a block is never "below" a share difficulty.
 *
 * <p>Header conventions (Stratum V1 as ckpool and cgminer use them) are those of
 * {@link org.tbg.stratum.work.StratumWork}. In {@code mining.submit}, nonce, ntime and version_bits
 * are big-endian hex of the 32-bit value; the header version is
 * {@code (job version & ~mask) | (version_bits & mask)}.
 *
 * <p>Connection loss: reconnects after {@link #INITIAL_BACKOFF} doubling to {@link #MAX_BACKOFF},
 * giving up after {@link #MAX_FAILED_ATTEMPTS} consecutive failures; a connection that gets
 * authorized resets the count. {@code client.reconnect} is honored (host/port when given, else the
 * same address; after the given wait, capped at {@link #MAX_RECONNECT_WAIT}); the shares already
 * sent are answered before the old connection closes. A refused authorization is final.
 *
 * <p>Thread rule: {@link #run()} is called once, on a thread it blocks; {@link #stats()} and
 * {@link #stop()} may be called from any thread.
 */
public final class CpuMiner {
    private static final Logger LOG = LoggerFactory.getLogger(CpuMiner.class);

    /** BIP310 version bits this miner asks to roll (the common ASIC mask). */
    public static final int VERSION_ROLLING_MASK = 0x1fffe000;
    static final String VERSION_ROLLING_MASK_HEX = "1fffe000";
    public static final String USER_AGENT = "tbg-cpuminer/0.1";

    static final Duration INITIAL_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    static final int MAX_FAILED_ATTEMPTS = 10;
    static final Duration MAX_RECONNECT_WAIT = Duration.ofMinutes(5);
    /** Bound on each handshake step (connect, configure, subscribe, authorize). */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** A submit without an answer after this long is counted as unanswered. */
    static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration STATUS_INTERVAL = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 100;
    private static final long WORKER_JOIN_MILLIS = 5_000;

    private final MinerOptions options;
    private final MinerCounters counters = new MinerCounters();
    private final AtomicReference<MiningJob> currentJob = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private volatile boolean stopped;
    private volatile StratumClient client;
    private volatile String sessionId;
    private long deadlineNanos = Long.MAX_VALUE;

    public CpuMiner(MinerOptions options) {
        this.options = options;
    }

    /**
     * Mines until the duration elapses, enough blocks were accepted, {@link #stop()} is called,
     * the thread is interrupted, authorization is refused or the pool stays unreachable.
     */
    public MinerStats run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a CpuMiner runs once");
        }
        if (options.duration() != null) {
            deadlineNanos = System.nanoTime() + options.duration().toNanos();
        }
        EventLoopGroup io = new NioEventLoopGroup(1, new DefaultThreadFactory("tbg-miner-io", true));
        ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(
                new DefaultThreadFactory("tbg-miner-status", true));
        List<Thread> workers = startWorkers();
        StatusLine statusLine = new StatusLine();
        status.scheduleAtFixedRate(statusLine::log, STATUS_INTERVAL.toMillis(), STATUS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        try {
            connectionLoop(io);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stop();
            currentJob.set(null);
            joinWorkers(workers);
            status.shutdownNow();
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        MinerStats result = stats();
        LOG.info("miner stopped: {} hashes, shares {} accepted / {} rejected, {} blocks",
                result.hashes(), result.sharesAccepted(), result.sharesRejected(), result.blocksFound());
        return result;
    }

    /** Live counters. */
    public MinerStats stats() {
        return counters.snapshot();
    }

    /** Asks {@link #run()} to return; idempotent, callable from any thread. */
    public void stop() {
        stopped = true;
        stopSignal.countDown();
        StratumClient c = client;
        if (c != null) {
            c.close();
        }
    }

    private List<Thread> startWorkers() {
        List<Thread> threads = new ArrayList<>(options.threads());
        for (int i = 0; i < options.threads(); i++) {
            Thread t = new Thread(new HashWorker(currentJob::get, this::submit, counters, () -> stopped), "tbg-miner-hash-" + i);
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private void connectionLoop(EventLoopGroup io) throws InterruptedException {
        String host = options.host();
        int port = options.port();
        int failures = 0;
        while (!shouldStop()) {
            MinerSession session = new MinerSession(this::publish);
            StratumClient c = new StratumClient(io, session);
            session.attach(c);
            client = c;
            try {
                handshake(c, session, host, port);
                failures = 0;
                LOG.info("mining on {}:{} as {} with {} threads", host, port, options.username(), options.threads());
            } catch (AuthorizationRefused e) {
                LOG.error("pool {}:{} refused worker {}: {}", host, port, options.username(), e.getMessage());
                c.close();
                return;
            } catch (IOException | ExecutionException | TimeoutException e) {
                c.close();
                if (++failures > MAX_FAILED_ATTEMPTS) {
                    LOG.error("giving up on {}:{} after {} failed attempts", host, port, MAX_FAILED_ATTEMPTS);
                    return;
                }
                Duration backoff = backoff(failures);
                LOG.warn("cannot mine on {}:{} ({}); retrying in {} s", host, port, reason(e), backoff.toSeconds());
                pause(backoff);
                continue;
            }
            while (!session.awaitClosed(POLL_MILLIS, TimeUnit.MILLISECONDS) && !shouldStop()) {
                // mining; the hashing threads do the work
            }
            currentJob.set(null);
            c.close();
            if (shouldStop()) {
                return;
            }
            ReconnectRequest r = session.reconnectRequest();
            if (r != null) {
                host = r.host() != null ? r.host() : host;
                port = r.port() != null ? r.port() : port;
                Duration wait = Duration.ofSeconds(r.waitSeconds() != null ? Math.max(0, r.waitSeconds()) : 0);
                wait = wait.compareTo(MAX_RECONNECT_WAIT) > 0 ? MAX_RECONNECT_WAIT : wait;
                LOG.info("pool asked to reconnect to {}:{} in {} s", host, port, wait.toSeconds());
                pause(wait);
            } else {
                failures++;
                Duration backoff = backoff(failures);
                LOG.warn("connection to {}:{} lost; reconnecting in {} s", host, port, backoff.toSeconds());
                pause(backoff);
            }
        }
    }

    private void handshake(StratumClient c, MinerSession session, String host, int port)
            throws IOException, ExecutionException, TimeoutException, InterruptedException {
        await(c.connect(host, port));
        int mask = 0;
        if (options.versionRolling()) {
            JsonNode r = await(c.request("mining.configure", List.of("version-rolling"),
                    Map.of("version-rolling.mask", VERSION_ROLLING_MASK_HEX, "version-rolling.min-bit-count", 2)));
            mask = negotiatedMask(r.get("result"));
        }
        String previous = sessionId;
        JsonNode sub = previous != null
                ? await(c.request("mining.subscribe", USER_AGENT, previous))
                : await(c.request("mining.subscribe", USER_AGENT));
        JsonNode result = sub.get("result");
        if (result == null || !result.isArray() || result.size() < 3 || !result.get(1).isTextual()
                || !result.get(2).canConvertToInt()) {
            throw new IOException("subscribe failed: " + errorText(sub));
        }
        byte[] extranonce1;
        try {
            extranonce1 = Hex.decode(result.get(1).textValue());
        } catch (IllegalArgumentException e) {
            throw new IOException("subscribe returned an extranonce1 that is not hex");
        }
        sessionId = subscriptionId(result.get(0));
        session.subscribed(extranonce1, result.get(2).intValue(), mask);
        JsonNode auth = await(c.request("mining.authorize", options.username(), options.password()));
        JsonNode ok = auth.get("result");
        if (ok == null || !ok.isBoolean() || !ok.booleanValue()) {
            throw new AuthorizationRefused(errorText(auth));
        }
    }

    /** The mask the pool granted, restricted to the one we asked for; 0 when it declined. */
    private static int negotiatedMask(JsonNode result) {
        if (result == null || !result.path("version-rolling").asBoolean(false)) {
            return 0;
        }
        try {
            return (int) Long.parseLong(result.path("version-rolling.mask").asText(""), 16) & VERSION_ROLLING_MASK;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The id the pool gave our subscription (sent back on reconnect to keep extranonce1), or null. */
    private static String subscriptionId(JsonNode subscriptions) {
        if (subscriptions != null && subscriptions.isArray()) {
            for (JsonNode s : subscriptions) {
                if (s.isArray() && "mining.notify".equals(s.path(0).asText()) && s.path(1).isTextual()) {
                    return s.path(1).textValue();
                }
            }
        }
        return null;
    }

    private void publish(MiningJob job) {
        currentJob.set(job);
    }

    /** Called from hashing threads. */
    private void submit(FoundShare share) {
        MinerSession session = share.job().session();
        if (!session.isCurrent(share.job())) {
            return; // stale: the pool moved to a new block or we lost the connection
        }
        if (stopped || System.nanoTime() - deadlineNanos >= 0) {
            return; // the session is being closed: the share would be counted but never reach the pool
        }
        counters.submitted();
        session.client().request("mining.submit", share.submitParams(options.username()).toArray())
                .orTimeout(SUBMIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((response, error) -> onSubmitAnswer(share, response, error));
    }

    private void onSubmitAnswer(FoundShare share, JsonNode response, Throwable error) {
        if (error != null) {
            LOG.debug("submit for job {} unanswered: {}", share.job().notifyJob().jobId(), error.toString());
            return;
        }
        JsonNode result = response.get("result");
        if (result != null && result.isBoolean() && result.booleanValue()) {
            counters.accepted();
            if (share.meetsNetworkTarget()) {
                long blocks = counters.blockFound();
                LOG.info("block candidate accepted: hash {} job {}", share.hashHex(), share.job().notifyJob().jobId());
                if (options.stopAfterBlocks() > 0 && blocks >= options.stopAfterBlocks()) {
                    stop();
                }
            }
        } else {
            counters.rejected(errorText(response));
        }
    }

    /** The pool's reason text from {@code reject-reason} or {@code error[1]}. */
    static String errorText(JsonNode response) {
        JsonNode rr = response.get("reject-reason");
        if (rr != null && rr.isTextual()) {
            return rr.textValue();
        }
        JsonNode e = response.get("error");
        if (e != null && e.isArray() && e.size() >= 2 && e.get(1).isTextual()) {
            return e.get(1).textValue();
        }
        if (e != null && e.isObject() && e.path("message").isTextual()) {
            return e.path("message").textValue();
        }
        return "unknown";
    }

    private boolean shouldStop() {
        if (Thread.currentThread().isInterrupted()) {
            stopped = true;
        }
        return stopped || System.nanoTime() - deadlineNanos >= 0;
    }

    /** Sleeps up to {@code d}, waking for stop() and the deadline. */
    private void pause(Duration d) throws InterruptedException {
        long millis = Math.min(d.toMillis(), Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime())));
        stopSignal.await(millis, TimeUnit.MILLISECONDS);
    }

    private <T> T await(CompletableFuture<T> f) throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return f.get(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(false);
            throw e;
        }
    }

    static Duration backoff(int failures) {
        long seconds = INITIAL_BACKOFF.toSeconds() << Math.min(failures - 1, 16);
        return seconds >= MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }

    private static String reason(Exception e) {
        Throwable t = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return t instanceof TimeoutException ? "timed out" : t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    private static void joinWorkers(List<Thread> workers) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WORKER_JOIN_MILLIS);
        for (Thread t : workers) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The periodic status line; remembers the last sample to compute the rate. */
    private final class StatusLine {
        private long lastHashes;
        private long lastNanos = System.nanoTime();

        void log() {
            long now = System.nanoTime();
            MinerStats s = stats();
            double seconds = (now - lastNanos) / 1e9;
            double rate = seconds > 0 ? (s.hashes() - lastHashes) / seconds : 0;
            lastHashes = s.hashes();
            lastNanos = now;
            MiningJob job = currentJob.get();
            LOG.info("{}, shares {} accepted / {} rejected, {} blocks, difficulty {}", hashrate(rate),
                    s.sharesAccepted(), s.sharesRejected(), s.blocksFound(), job != null ? job.difficulty() : "-");
        }
    }

    static String hashrate(double hashesPerSecond) {
        String[] units = {"H/s", "kH/s", "MH/s", "GH/s"};
        int u = 0;
        while (hashesPerSecond >= 1000 && u < units.length - 1) {
            hashesPerSecond /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", hashesPerSecond, units[u]);
    }

    /** The pool answered authorize with false or an error: retrying will not help. */
    static final class AuthorizationRefused extends IOException {
        AuthorizationRefused(String reason) {
            super(reason);
        }
    }
}
