package org.tbg.bitcoin.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code btcd} list in priority order, used as one node.
 *
 * <p>Failover: a call goes to the current node; when it fails with {@link RpcTransportException}
 * the next node in the list (wrapping around) gets the same call, each node at most once per call.
 * A {@link RpcErrorException} is the node's definitive answer and goes straight to the caller.
 *
 * <p>Recovery: while the current node is not the first, a call that finds the last probe at least
 * {@code recoveryInterval} old starts a background probe ({@code getblockcount}) of every
 * higher-priority node; the first that answers becomes current. Probes never delay a call.
 *
 * <p>Thread-safe. The current node is one atomic index; a switch is a compare-and-set, so
 * concurrent callers report each switch once.
 */
public final class NodeFailover implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NodeFailover.class);

    /** How often a higher-priority node that was failed over from is tried again. */
    public static final Duration DEFAULT_RECOVERY_INTERVAL = Duration.ofSeconds(5);

    private final List<JsonRpcClient> clients;
    private final long recoveryIntervalNanos;
    private final AtomicInteger current = new AtomicInteger();
    private final AtomicBoolean probing = new AtomicBoolean();
    private final List<BiConsumer<NodeEndpoint, NodeEndpoint>> switchListeners = new CopyOnWriteArrayList<>();
    /** One thread at most, alive only while probes run. */
    private final ThreadPoolExecutor prober;
    private volatile long lastProbeNanos;
    private volatile boolean anyUp;
    /** Whether "no node answers" has been logged and not yet followed by a recovery line. */
    private volatile boolean outageLogged;

    public NodeFailover(List<NodeEndpoint> nodes, Duration timeout) {
        this(nodes, timeout, DEFAULT_RECOVERY_INTERVAL);
    }

    public NodeFailover(List<NodeEndpoint> nodes, Duration timeout, Duration recoveryInterval) {
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("btcd: at least one node is required");
        }
        if (recoveryInterval.isNegative()) {
            throw new IllegalArgumentException("recovery interval must not be negative: " + recoveryInterval);
        }
        List<JsonRpcClient> list = new ArrayList<>(nodes.size());
        for (NodeEndpoint node : nodes) {
            list.add(new JsonRpcClient(Objects.requireNonNull(node, "node"), timeout));
        }
        this.clients = List.copyOf(list);
        this.recoveryIntervalNanos = recoveryInterval.toNanos();
        this.prober = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "tbg-node-recovery");
            t.setDaemon(true);
            return t;
        });
        this.prober.allowCoreThreadTimeOut(true);
    }

    /**
     * Calls the current node, failing over on transport errors.
     *
     * @throws RpcErrorException     the node that answered returned an error (no failover)
     * @throws RpcTransportException no node answered; the last node's error
     */
    public JsonNode call(String method, Object... params) throws RpcException {
        maybeProbeHigherPriority();
        int start = current.get();
        int n = clients.size();
        RpcTransportException last = null;
        for (int k = 0; k < n; k++) {
            int index = (start + k) % n;
            try {
                JsonNode result = clients.get(index).call(method, params);
                answered(start, index, last);
                return result;
            } catch (RpcErrorException e) {
                answered(start, index, last);
                throw e;
            } catch (RpcTransportException e) {
                last = e;
            }
        }
        anyUp = false;
        if (!outageLogged) {
            outageLogged = true;
            log.error("no node answers ({} configured); last error: {}", n, last.getMessage());
        }
        throw last;
    }

    /** Every node's client in priority order, e.g. to submit a block to all of them at once. */
    public List<JsonRpcClient> clients() {
        return clients;
    }

    public NodeEndpoint current() {
        return clients.get(current.get()).endpoint();
    }

    /** Whether the last call reached a node; false until a call has. */
    public boolean anyUp() {
        return anyUp;
    }

    /** Every node's client reports each call's duration to {@code listener} (e.g. the pool's RPC metrics). */
    public void callListener(RpcCallListener listener) {
        clients.forEach(c -> c.callListener(listener));
    }

    /** Called with (from, to) after each switch of the current node, on the switching thread. */
    public void onSwitch(BiConsumer<NodeEndpoint, NodeEndpoint> listener) {
        switchListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void close() {
        prober.shutdownNow();
        clients.forEach(JsonRpcClient::close);
    }

    private void answered(int start, int index, RpcTransportException previousError) {
        anyUp = true;
        if (outageLogged) {
            outageLogged = false;
            log.info("node {} answers again", clients.get(index).endpoint());
        }
        if (index != start) {
            switchTo(start, index, previousError == null ? "failover" : previousError.getMessage());
        }
    }

    private void switchTo(int from, int to, String reason) {
        if (!current.compareAndSet(from, to)) {
            return; // another thread switched first and reported it
        }
        if (to > from) {
            lastProbeNanos = System.nanoTime(); // first recovery probe one interval from now
        }
        NodeEndpoint a = clients.get(from).endpoint();
        NodeEndpoint b = clients.get(to).endpoint();
        log.warn("node switch {} -> {}: {}", a, b, reason);
        for (BiConsumer<NodeEndpoint, NodeEndpoint> listener : switchListeners) {
            try {
                listener.accept(a, b);
            } catch (RuntimeException e) {
                log.error("node switch listener failed", e);
            }
        }
    }

    private void maybeProbeHigherPriority() {
        if (current.get() == 0 || prober.isShutdown()) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastProbeNanos < recoveryIntervalNanos || !probing.compareAndSet(false, true)) {
            return;
        }
        lastProbeNanos = now;
        try {
            prober.execute(() -> {
                try {
                    probeHigherPriority();
                } finally {
                    probing.set(false);
                }
            });
        } catch (RuntimeException e) {
            probing.set(false); // rejected: closed meanwhile
        }
    }

    private void probeHigherPriority() {
        int from = current.get();
        for (int index = 0; index < from; index++) {
            JsonRpcClient client = clients.get(index);
            try {
                client.call("getblockcount");
            } catch (RpcErrorException e) {
                // It answered, which is all recovery asks.
            } catch (RpcTransportException e) {
                log.debug("recovery probe: {}", e.getMessage());
                continue;
            } catch (RpcException e) {
                continue;
            }
            switchTo(from, index, "higher-priority node answers again");
            return;
        }
    }
}
