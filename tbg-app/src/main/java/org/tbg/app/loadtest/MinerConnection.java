package org.tbg.app.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.tbg.bitcoin.target.Difficulty;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.work.StratumWork;

/**
 * One connection of a simulated miner, over a {@link PoolLink}: connect,
 * {@code mining.subscribe}, {@code mining.authorize}, then wait for the first difficulty and job;
 * after that it carries submits. Handshake failures complete {@link #open} with a
 * {@link HandshakeFailure} that says which step failed and why.
 *
 * <p>Thread rule: the connection lives on its miner's event loop (listener callbacks, handshake
 * steps, the submit timer), the only writer of the session fields; they are volatile so grinder
 * threads can read them.
 */
final class MinerConnection implements PoolLink.Listener {
    /** Bound on each handshake step after the TCP connect (which has PoolLink's own 10 s). */
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** A submit without a reply after this long is counted as timed out. */
    static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(10);
    static final String USER_AGENT = "tbg-loadtest/0.1";

    /** What the owning miner hears about; called on the connection's event loop. */
    interface Events {
        /** The pool sent {@code client.reconnect}; wait is null when it gave none. */
        void reconnectRequested(MinerConnection connection, Integer waitSeconds);

        /** The pool closed a connection that had finished its handshake. */
        void closedByPool(MinerConnection connection);
    }

    private final PoolLink link;
    private final LoadRecorder recorder;
    private final Events events;
    private final CompletableFuture<Void> firstWork = new CompletableFuture<>();
    private final AtomicBoolean counted = new AtomicBoolean();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final EventLoop timer;

    private volatile Subscription subscription;
    private volatile NotifyJob latestNotify;
    private volatile double difficulty = Double.NaN;
    private volatile MinerWork work;
    private volatile boolean ready;
    private volatile boolean retiring;

    /** @param loop the owning miner's event loop: the connection and its timers run there */
    MinerConnection(EventLoop loop, LoadContext run, Events events) {
        this.link = new PoolLink(loop, run.channelType(), this, SUBMIT_TIMEOUT.toNanos());
        this.timer = loop;
        this.recorder = run.recorder();
        this.events = events;
    }

    /**
     * Connects (from {@code source} when it is not null) and logs in; completes when the first
     * job has arrived. {@code resumeSessionId} (a previous extranonce1, or null) asks the pool to
     * resume that session.
     */
    CompletableFuture<Void> open(String host, int port, InetAddress source, String username, String password,
            String resumeSessionId) {
        return link.connect(host, port, source)
                .handle((v, err) -> {
                    if (err != null) {
                        throw connectFailure(unwrap(err));
                    }
                    if (counted.compareAndSet(false, true)) {
                        recorder.connectionOpened();
                    }
                    return v;
                })
                .thenCompose(v -> step(resumeSessionId == null
                        ? link.request("mining.subscribe", USER_AGENT)
                        : link.request("mining.subscribe", USER_AGENT, resumeSessionId), "subscribe"))
                .thenAccept(this::subscribed)
                .thenCompose(v -> step(link.request("mining.authorize", username, password), "authorize"))
                .thenAccept(MinerConnection::authorized)
                .thenCompose(v -> step(firstWork, "the first job"))
                .thenRun(() -> ready = true);
    }

    /**
     * Sends one share; the future completes with the pool's reply or fails: with a
     * {@link TimeoutException} when the reply is later than {@link #SUBMIT_TIMEOUT} (noticed at the
     * next submit or at the close), else with the reason the connection closed.
     */
    CompletableFuture<JsonNode> submit(CraftedShare share, String worker) {
        inFlight.incrementAndGet();
        CompletableFuture<JsonNode> reply = link.submit(worker, share);
        reply.whenComplete((r, err) -> {
            if (inFlight.decrementAndGet() == 0 && retiring) {
                close();
            }
        });
        return reply;
    }

    /** The current job and its share target, or null before the first. */
    MinerWork work() {
        return work;
    }

    boolean ready() {
        return ready && !closing.get();
    }

    /** This connection's extranonce1, which a reconnect offers as its session id; null before subscribe. */
    String sessionId() {
        Subscription s = subscription;
        return s == null ? null : s.extranonce1Hex();
    }

    /**
     * Takes no more submits and closes once the replies in flight are in, or after {@code grace}:
     * closing at once would lose answers the pool has already sent, and count them against it.
     */
    void retire(Duration grace) {
        closing.set(true);
        retiring = true;
        if (inFlight.get() == 0) {
            close();
        } else {
            timer.schedule(this::close, grace.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Closes on our initiative (end of run, reconnect): not counted as a disconnect. Idempotent. */
    void close() {
        closing.set(true);
        link.close();
    }

    boolean closing() {
        return closing.get();
    }

    // ---- PoolLink.Listener (event loop) ---------------------------------------------------

    @Override
    public void onSetDifficulty(double d) {
        difficulty = d;
        if (work == null) {
            refreshWork(latestNotify);
        }
        if (work != null) {
            firstWork.complete(null);
        }
    }

    @Override
    public void onNotify(NotifyJob job) {
        latestNotify = job;
        refreshWork(job);
        if (work != null) {
            firstWork.complete(null);
        }
    }

    @Override
    public void onReconnect(Integer waitSeconds) {
        if (!closing.get()) {
            events.reconnectRequested(this, waitSeconds); // same host and port only: see SimulatedMiner
        }
    }

    @Override
    public void onClose() {
        if (counted.get()) {
            recorder.connectionClosed();
        }
        firstWork.completeExceptionally(new ClosedChannelException());
        if (!closing.get() && ready) {
            events.closedByPool(this);
        }
    }

    // ---- handshake ------------------------------------------------------------------------

    private void subscribed(JsonNode response) {
        JsonNode error = response.get("error");
        if (error != null && !error.isNull()) {
            throw new HandshakeFailure(LoadError.SUBSCRIBE_REFUSED, "subscribe refused: " + errorText(error));
        }
        JsonNode result = response.path("result");
        JsonNode en1 = result.path(1);
        JsonNode en2Size = result.path(2);
        if (!result.isArray() || !en1.isTextual() || !en2Size.canConvertToInt() || !en2Size.isIntegralNumber()) {
            throw new HandshakeFailure(LoadError.PROTOCOL_ERROR, "subscribe result is not [subscriptions, extranonce1, extranonce2_size]");
        }
        try {
            subscription = new Subscription(en1.textValue(), en2Size.intValue());
        } catch (IllegalArgumentException e) {
            throw new HandshakeFailure(LoadError.PROTOCOL_ERROR, "subscribe result: " + e.getMessage());
        }
        refreshWork(latestNotify); // a pool may send the job before we have read the subscribe result
    }

    private static void authorized(JsonNode response) {
        JsonNode result = response.get("result");
        if (result == null || !result.isBoolean() || !result.booleanValue()) {
            JsonNode error = response.get("error");
            String why = error != null && !error.isNull() ? errorText(error) : "result " + result;
            throw new HandshakeFailure(LoadError.AUTHORIZE_REFUSED, "authorize refused: " + why);
        }
    }

    /** Bounds one step in time and names it when it times out or the connection closes. */
    private static <T> CompletableFuture<T> step(CompletableFuture<T> f, String what) {
        return f.orTimeout(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).handle((v, err) -> {
            if (err == null) {
                return v;
            }
            Throwable cause = unwrap(err);
            if (cause instanceof HandshakeFailure h) {
                throw h;
            }
            if (cause instanceof TimeoutException) {
                throw new HandshakeFailure(LoadError.HANDSHAKE_TIMEOUT, "no " + what + " within " + HANDSHAKE_TIMEOUT.toSeconds() + " s");
            }
            if (cause instanceof ClosedChannelException) {
                throw new HandshakeFailure(LoadError.CLOSED_DURING_HANDSHAKE, "pool closed the connection while waiting for " + what);
            }
            throw new HandshakeFailure(LoadError.CONNECT_ERROR, what + ": " + cause);
        });
    }

    private void refreshWork(NotifyJob notify) {
        Subscription s = subscription;
        double d = difficulty;
        if (notify == null || s == null || !(d > 0)) {
            return;
        }
        try {
            work = new MinerWork(new StratumWork(notify, s.extranonce1(), s.extranonce2Size()), Difficulty.targetFor(d));
        } catch (IllegalArgumentException e) {
            recorder.error(LoadError.PROTOCOL_ERROR, "unusable mining.notify: " + e.getMessage());
        }
    }

    private static HandshakeFailure connectFailure(Throwable cause) {
        if (cause instanceof ConnectTimeoutException) {
            return new HandshakeFailure(LoadError.CONNECT_TIMEOUT, "connect timed out");
        }
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof BindException) {
            return new HandshakeFailure(LoadError.CONNECT_ERROR, "cannot use the source address: " + message);
        }
        if (cause instanceof ConnectException && message.toLowerCase(Locale.ROOT).contains("refused")) {
            return new HandshakeFailure(LoadError.CONNECT_REFUSED, message);
        }
        return new HandshakeFailure(LoadError.CONNECT_ERROR, cause.getClass().getSimpleName() + ": " + message);
    }

    private static String errorText(JsonNode error) {
        if (error.isArray() && error.size() > 1 && error.get(1).isTextual()) {
            return error.get(1).textValue();
        }
        return error.toString();
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
