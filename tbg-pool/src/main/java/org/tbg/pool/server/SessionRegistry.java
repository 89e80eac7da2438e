package org.tbg.pool.server;

import io.netty.channel.ChannelFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.tbg.pool.work.Job;
import org.tbg.pool.work.JobListener;

/**
 * The live connections; fans each new job out to them on their own event loops, and takes them
 * through the pool's shutdown. Thread-safe.
 */
public final class SessionRegistry implements JobListener {
    private final Set<StratumSessionHandler> handlers = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();
    /** Signalled whenever a connection leaves; guards nothing else. */
    private final Object left = new Object();

    long nextId() {
        return ids.incrementAndGet();
    }

    void add(StratumSessionHandler h) {
        handlers.add(h);
    }

    void remove(StratumSessionHandler h) {
        handlers.remove(h);
        synchronized (left) {
            left.notifyAll();
        }
    }

    public int size() {
        return handlers.size();
    }

    @Override
    public void onJob(Job job) {
        for (StratumSessionHandler h : handlers) {
            h.offerJob(job);
        }
    }

    /** Asks every connection to reconnect ({@code client.reconnect} with no params: same host and port). */
    public void reconnectAll() {
        for (StratumSessionHandler h : handlers) {
            h.requestReconnect();
        }
    }

    /** Waits until every connection has gone, or {@code timeout} has passed; true when none is left. */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (left) {
            while (!handlers.isEmpty()) {
                long waitNanos = deadline - System.nanoTime();
                if (waitNanos <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(left, waitNanos);
            }
        }
        return true;
    }

    /** Closes every connection left (disconnect reason {@code pool_shutdown}); waits up to {@code timeout} for them to close. */
    public void closeAll(Duration timeout) throws InterruptedException {
        List<ChannelFuture> closed = new ArrayList<>();
        for (StratumSessionHandler h : handlers) {
            closed.add(h.closeForShutdown());
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ChannelFuture f : closed) {
            long waitNanos = deadline - System.nanoTime();
            if (waitNanos <= 0 || !f.await(waitNanos, TimeUnit.NANOSECONDS)) {
                return;
            }
        }
    }
}
