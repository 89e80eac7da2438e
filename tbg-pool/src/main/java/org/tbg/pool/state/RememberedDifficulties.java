package org.tbg.pool.state;

import java.time.Clock;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workers' last difficulties held in this process, each for a time to live and at most
 * {@code maxWorkers} of them. Thread-safe: a {@link ConcurrentHashMap} of immutable entries.
 */
public final class RememberedDifficulties {
    /** How long a worker's difficulty is kept after its last change (spec/storage.md: 24 h). */
    public static final Duration TTL = Duration.ofHours(24);
    /** Bound on remembered workers: about 250 bytes each, so some 60 MB at most. */
    public static final int MAX_WORKERS = 250_000;
    /** When full, expired entries are swept at most this often by the caller that found it full. */
    private static final long FULL_SWEEP_INTERVAL_MILLIS = 60_000;

    private record Entry(double difficulty, long expiresAtMillis) {}

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlMillis;
    private final int maxWorkers;
    private final Clock clock;
    private final AtomicLong lastFullSweepMillis = new AtomicLong(Long.MIN_VALUE / 2);

    public RememberedDifficulties(Duration ttl, int maxWorkers, Clock clock) {
        this.ttlMillis = ttl.toMillis();
        this.maxWorkers = maxWorkers;
        this.clock = clock;
    }

    /**
     * Remembers {@code difficulty} for {@code worker} for the time to live from now.
     * @return false when the map is full of live entries and the worker was not in it (nothing kept)
     */
    public boolean put(String worker, double difficulty) {
        long now = clock.millis();
        if (entries.size() >= maxWorkers && !entries.containsKey(worker)) {
            long last = lastFullSweepMillis.get();
            if (now - last < FULL_SWEEP_INTERVAL_MILLIS || !lastFullSweepMillis.compareAndSet(last, now)) {
                return false;
            }
            sweep();
            if (entries.size() >= maxWorkers) {
                return false;
            }
        }
        entries.put(worker, new Entry(difficulty, now + ttlMillis));
        return true;
    }

    /** Like {@link #put} but never replaces a value this process already holds (a newer local one wins). */
    public void putIfAbsent(String worker, double difficulty) {
        if (entries.size() < maxWorkers) {
            entries.putIfAbsent(worker, new Entry(difficulty, clock.millis() + ttlMillis));
        }
    }

    public OptionalDouble get(String worker) {
        Entry e = entries.get(worker);
        if (e == null) {
            return OptionalDouble.empty();
        }
        if (e.expiresAtMillis() <= clock.millis()) {
            entries.remove(worker, e);
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(e.difficulty());
    }

    /** Drops expired entries; returns how many. */
    public int sweep() {
        long now = clock.millis();
        int removed = 0;
        for (var it = entries.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().expiresAtMillis() <= now) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    public int size() {
        return entries.size();
    }
}
