package org.tbg.pool.stats;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.tbg.pool.session.WorkerName;

/**
 * The {@link HashrateMeter}s of every worker (by full name, so rigs sharing a name add up) and every
 * user (payout address). Thread-safe: fed from every event loop, read by the periodic
 * {@code hashrate_update} task.
 */
public final class MinerHashrates {
    /**
     * A meter without a share for a whole day has none inside any window, so its true hashrate is 0
     * everywhere; dropping it bounds memory when worker names come and go.
     */
    static final long IDLE_EVICTION_MILLIS = HashrateWindow.ONE_DAY.millis();

    private final long startedMillis;
    private final ConcurrentHashMap<WorkerName, HashrateMeter> workers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, HashrateMeter> users = new ConcurrentHashMap<>();
    private final Function<Object, HashrateMeter> newMeter;

    /** @param startedMillis when the pool started accepting shares: every meter's observation start */
    public MinerHashrates(long startedMillis) {
        this.startedMillis = startedMillis;
        this.newMeter = k -> new HashrateMeter(startedMillis);
    }

    public long startedMillis() {
        return startedMillis;
    }

    /**
     * Counts an accepted share for its worker and its user. Call with the difficulty the share was
     * accepted at (the job's target), not the difficulty its hash achieved: the target is what
     * measures work done. Allocates only the first time a name is seen.
     */
    public void record(WorkerName worker, double targetDifficulty, long nowMillis) {
        meterOf(workers, worker).add(targetDifficulty, nowMillis);
        meterOf(users, worker.address()).add(targetDifficulty, nowMillis);
    }

    public Hashrates worker(WorkerName worker, long nowMillis) {
        HashrateMeter m = workers.get(worker);
        return m == null ? Hashrates.ZERO : m.read(nowMillis);
    }

    public Hashrates user(String address, long nowMillis) {
        HashrateMeter m = users.get(address);
        return m == null ? Hashrates.ZERO : m.read(nowMillis);
    }

    /** Visits every worker's meter (for {@code hashrate_update}; check its last share to skip idle ones). */
    public void forEachWorker(BiConsumer<WorkerName, HashrateMeter> visitor) {
        workers.forEach(visitor);
    }

    /** Visits every user's meter. */
    public void forEachUser(BiConsumer<String, HashrateMeter> visitor) {
        users.forEach(visitor);
    }

    /**
     * Drops meters idle for longer than a day. A share racing with the removal of its own meter is
     * lost from the readings (it can only happen to a name silent for a day).
     *
     * @return how many meters were dropped
     */
    public int evictIdle(long nowMillis) {
        long cutoff = nowMillis - IDLE_EVICTION_MILLIS;
        return evictIdle(workers, cutoff) + evictIdle(users, cutoff);
    }

    public int workerCount() {
        return workers.size();
    }

    public int userCount() {
        return users.size();
    }

    private static <K> int evictIdle(ConcurrentHashMap<K, HashrateMeter> meters, long cutoff) {
        int dropped = 0;
        for (var e : meters.entrySet()) {
            long last = e.getValue().lastShareMillis();
            // Long.MIN_VALUE: the meter is being created for its first share right now; keep it.
            if (last != Long.MIN_VALUE && last < cutoff && meters.remove(e.getKey(), e.getValue())) {
                dropped++;
            }
        }
        return dropped;
    }

    private <K> HashrateMeter meterOf(ConcurrentHashMap<K, HashrateMeter> meters, K key) {
        HashrateMeter m = meters.get(key); // plain get first: computeIfAbsent may lock the bin
        return m != null ? m : meters.computeIfAbsent(key, newMeter);
    }
}
