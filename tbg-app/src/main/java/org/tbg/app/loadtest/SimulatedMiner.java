package org.tbg.app.loadtest;

import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated miner: connects at its ramp slot, then submits on its current job at Poisson
 * intervals until the run stops submitting. It follows {@code client.reconnect} (to the same
 * host and port only: a pool must not be able to point the load elsewhere), so a pool's
 * "only rejects for 120 s" rule does not end a long run. A handshake that fails, or a connection
 * the pool drops, is counted and not retried: a lost miner is a finding of the run.
 *
 * <p>Thread rule: the submit timer and every connection of this miner run on one event loop
 * ({@link #timer}); grinders hand their shares back from their own threads; {@link #connection}
 * is volatile and replaced, never mutated.
 */
final class SimulatedMiner implements MinerConnection.Events {
    private static final Logger log = LoggerFactory.getLogger(SimulatedMiner.class);

    /** Longest wait honored from a {@code client.reconnect}: the run is timed, the pool's wishes are not. */
    static final Duration MAX_RECONNECT_WAIT = Duration.ofSeconds(5);
    /** How long a connection left for a reconnect may still deliver the replies in flight. */
    static final Duration RETIRE_GRACE = Duration.ofSeconds(2);
    /** Most nonces one valid share may cost; about a tenth of a second of one core. */
    static final long MAX_HASHES_PER_SHARE = 1 << 18;

    private final String username;
    private final InetAddress source;
    private final LoadContext run;
    private final EventLoop timer;
    private final PoissonArrivals arrivals;
    private final AtomicBoolean submitting = new AtomicBoolean();
    private volatile MinerConnection connection;

    SimulatedMiner(int index, LoadContext run) {
        this.username = run.plan().username(index);
        this.source = run.plan().sourceAddress(index);
        this.run = run;
        this.timer = run.group().next();
        this.arrivals = new PoissonArrivals(run.plan().meanSubmitIntervalNanos());
    }

    /** Opens the first connection after {@code delay}. */
    void startAfter(Duration delay) {
        timer.schedule(() -> connect(null), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Closes the connection; called once the run has ended. */
    void stop() {
        MinerConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    private void connect(String resumeSessionId) {
        if (!run.state().submitting()) {
            return;
        }
        LoadPlan plan = run.plan();
        MinerConnection c = new MinerConnection(timer, run, this);
        connection = c;
        c.open(plan.host(), plan.port(), source, username, plan.password(), resumeSessionId).whenComplete((v, err) -> {
            if (run.state().ended() || c.closing()) {
                return; // cut short by the end of the run or by a reconnect: neither a success nor a failure
            }
            if (err == null) {
                run.recorder().handshakeSucceeded();
                if (submitting.compareAndSet(false, true)) {
                    scheduleNextSubmit();
                }
                return;
            }
            Throwable cause = MinerConnection.unwrap(err);
            HandshakeFailure failure = cause instanceof HandshakeFailure h ? h
                    : new HandshakeFailure(LoadError.CONNECT_ERROR, String.valueOf(cause));
            run.recorder().handshakeFailed(failure.kind(), failure.getMessage());
            log.debug("miner {} could not start: {}", username, failure.getMessage());
            c.close();
        });
    }

    // ---- submits (on the timer loop) ------------------------------------------------------

    private void scheduleNextSubmit() {
        if (run.state().submitting()) {
            timer.schedule(this::submitOne, arrivals.nextGapNanos(ThreadLocalRandom.current()), TimeUnit.NANOSECONDS);
        }
    }

    private void submitOne() {
        if (!run.state().submitting()) {
            return;
        }
        MinerConnection c = connection;
        MinerWork work = c == null ? null : c.work();
        if (c != null && work != null && c.ready()) { // between connections a slot just passes, as it would for a real miner
            if (run.grinder() == null) {
                send(c, ShareCrafter.belowNetworkTarget(work.job(), ThreadLocalRandom.current()));
            } else {
                grind(c, work);
            }
        }
        scheduleNextSubmit();
    }

    private void grind(MinerConnection c, MinerWork work) {
        try {
            run.grinder().execute(() -> ShareCrafter.meeting(work.job(), work.shareTarget(), MAX_HASHES_PER_SHARE,
                    ThreadLocalRandom.current()).ifPresentOrElse(share -> send(c, share), run.recorder()::skipped));
        } catch (RejectedExecutionException busy) {
            run.recorder().skipped(); // every grinder is busy: this miner's CPU is spoken for
        }
    }

    private void send(MinerConnection c, CraftedShare share) {
        if (!run.state().submitting()) {
            return; // a grinder finished after the end of the submit phase
        }
        if (c.closing()) {
            run.recorder().skipped(); // ground for a connection that has been left meanwhile
            return;
        }
        long sent = System.nanoTime();
        run.recorder().submitted(sent);
        c.submit(share, username).whenComplete((reply, err) -> {
            long now = System.nanoTime();
            if (err == null) {
                run.recorder().answered(SubmitVerdict.of(reply), sent, now);
                return;
            }
            Throwable cause = MinerConnection.unwrap(err);
            if (cause instanceof TimeoutException) {
                run.recorder().submitFailed(LoadError.SUBMIT_TIMEOUT, "no reply within " + MinerConnection.SUBMIT_TIMEOUT.toSeconds() + " s");
            } else if (run.state().ended()) {
                run.recorder().submitFailed(LoadError.SUBMIT_UNANSWERED, "still waiting when the run ended");
            } else {
                run.recorder().submitFailed(LoadError.SUBMIT_LOST, cause instanceof ClosedChannelException
                        ? "connection closed before the reply" : String.valueOf(cause));
            }
        });
    }

    // ---- connection events (on the connection's loop) -------------------------------------

    @Override
    public void reconnectRequested(MinerConnection c, Integer waitSeconds) {
        if (c != connection || !run.state().submitting()) {
            return;
        }
        run.recorder().reconnectRequested();
        String sessionId = c.sessionId();
        connection = null;
        c.retire(RETIRE_GRACE);
        long waitMillis = waitSeconds == null ? 0 : Math.min(Math.max(waitSeconds, 0) * 1000L, MAX_RECONNECT_WAIT.toMillis());
        log.debug("miner {} reconnecting in {} ms as the pool asked", username, waitMillis);
        timer.schedule(() -> connect(sessionId), waitMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void closedByPool(MinerConnection c) {
        if (c == connection) {
            connection = null;
            run.recorder().error(LoadError.DISCONNECTED, "pool closed a mining connection");
            log.debug("miner {}: pool closed the connection", username);
        }
    }
}
