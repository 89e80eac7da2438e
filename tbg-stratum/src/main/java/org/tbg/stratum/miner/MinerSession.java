package org.tbg.stratum.miner;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.stratum.client.StratumClient;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.ReconnectRequest;

/**
 * One connection's view of the pool: what subscribe returned, the difficulty and the latest
 * notify, combined into {@link MiningJob}s for the hashing threads.
 *
 * <p>A new difficulty normally applies from the next notify (the pool judges a job at the
 * difficulty it was issued with); a higher one is applied at once since it cannot cause rejects.
 * A {@code clean_jobs} notify starts a new generation: shares of older generations are dropped.
 *
 * <p>Thread rule: state is guarded by {@code this}; listener calls come from the client's event
 * loop, {@link #subscribed} from the miner thread, {@link #isCurrent} from any thread.
 */
final class MinerSession implements StratumClient.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(MinerSession.class);
    /** Stratum's difficulty until the pool says otherwise. */
    private static final double DEFAULT_DIFFICULTY = 1.0;
    /** After {@code client.reconnect}: how long the shares already sent may take to be answered before we leave. */
    static final Duration RECONNECT_ANSWER_WAIT = Duration.ofSeconds(2);

    private final Consumer<MiningJob> publisher;
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile StratumClient client;
    private volatile ReconnectRequest reconnect;

    private byte[] extranonce1;
    private int extranonce2Size;
    private int versionMask;
    private double difficulty = DEFAULT_DIFFICULTY;
    private NotifyJob latest;
    private MiningJob published;
    private long cleanGeneration;
    /** The pool asked us to reconnect: no new shares go to this connection. */
    private boolean leaving;

    MinerSession(Consumer<MiningJob> publisher) {
        this.publisher = publisher;
    }

    void attach(StratumClient client) {
        this.client = client;
    }

    StratumClient client() {
        return client;
    }

    /** Called once subscribe (and configure) answered; publishes the first job if a notify came already. */
    synchronized void subscribed(byte[] extranonce1, int extranonce2Size, int versionMask) {
        this.extranonce1 = extranonce1.clone();
        this.extranonce2Size = extranonce2Size;
        this.versionMask = versionMask;
        rebuild();
    }

    @Override
    public synchronized void onSetDifficulty(double newDifficulty) {
        LOG.debug("difficulty {}", newDifficulty);
        difficulty = newDifficulty;
        if (published != null && newDifficulty > published.difficulty()) {
            publish(published.withDifficulty(newDifficulty));
        }
    }

    @Override
    public synchronized void onNotify(NotifyJob job) {
        LOG.debug("job {} clean={}", job.jobId(), job.cleanJobs());
        latest = job;
        if (job.cleanJobs()) {
            cleanGeneration++;
        }
        rebuild();
    }

    /**
     * The pool wants us elsewhere (or back at the same address, e.g. on a restarted process): stop
     * submitting here, let the shares already sent be answered (so none the pool accepted goes
     * uncounted), then close; the miner's connection loop reconnects.
     */
    @Override
    public void onReconnect(String host, Integer port, Integer waitSeconds) {
        synchronized (this) {
            leaving = true;
        }
        reconnect = new ReconnectRequest(host, port, waitSeconds);
        StratumClient c = client;
        if (c != null) {
            c.closeWhenAnswered(RECONNECT_ANSWER_WAIT);
        }
    }

    @Override
    public void onShowMessage(String text) {
        LOG.info("message from pool: {}", text);
    }

    @Override
    public void onClose() {
        closed.countDown();
    }

    /** True while the connection is open, not being left, and {@code job} is of the latest clean generation. */
    synchronized boolean isCurrent(MiningJob job) {
        return closed.getCount() > 0 && !leaving && job.session() == this && job.cleanGeneration() == cleanGeneration;
    }

    boolean awaitClosed(long timeout, TimeUnit unit) throws InterruptedException {
        return closed.await(timeout, unit);
    }

    boolean isClosed() {
        return closed.getCount() == 0;
    }

    /** The pool's reconnect request, or null when the connection ended otherwise. */
    ReconnectRequest reconnectRequest() {
        return reconnect;
    }

    synchronized double difficulty() {
        return published != null ? published.difficulty() : difficulty;
    }

    private void rebuild() {
        if (extranonce1 == null || latest == null) {
            return;
        }
        try {
            publish(new MiningJob(latest, this, extranonce1, extranonce2Size, versionMask, difficulty, cleanGeneration));
        } catch (IllegalArgumentException e) {
            LOG.warn("cannot mine job {}: {}", latest.jobId(), e.getMessage());
        }
    }

    private void publish(MiningJob job) {
        published = job;
        publisher.accept(job);
    }
}
