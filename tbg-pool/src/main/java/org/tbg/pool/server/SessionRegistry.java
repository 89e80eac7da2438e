package org.tbg.pool.server;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.tbg.pool.work.Job;
import org.tbg.pool.work.JobListener;

/** The live connections; fans each new job out to them on their own event loops. Thread-safe. */
public final class SessionRegistry implements JobListener {
    private final Set<StratumSessionHandler> handlers = ConcurrentHashMap.newKeySet();
    private final AtomicLong ids = new AtomicLong();

    long nextId() {
        return ids.incrementAndGet();
    }

    void add(StratumSessionHandler h) {
        handlers.add(h);
    }

    void remove(StratumSessionHandler h) {
        handlers.remove(h);
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

    /** Asks every connection to reconnect (used on shutdown), then lets them go. */
    public void reconnectAll() {
        for (StratumSessionHandler h : handlers) {
            h.requestReconnect();
        }
    }
}
