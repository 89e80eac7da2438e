package org.tbg.pool.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.tbg.pool.session.WorkerName;

/**
 * Best share difficulty per worker (full worker name) and per user (payout address) in the three
 * {@link RecordScope}s. The session scope lives in each connection's {@link SessionBests}; weekly
 * and all-time records live here, shared by all connections.
 *
 * <p>Thread rule: thread-safe; {@link #onShare} runs on the submitting connection's event loop and
 * never blocks or does I/O ({@link BestDifficultyStore} persists the records on its own thread).
 * Records are kept for every name ever seen, as all-time records must be.
 */
public final class BestDifficultyTracker {
    private final ConcurrentHashMap<WorkerName, WeeklyAndAllTimeBests> workers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, WeeklyAndAllTimeBests> users = new ConcurrentHashMap<>();
    /** Weekly or all-time records raised so far; the store saves when it moved. */
    private final AtomicLong changes = new AtomicLong();

    /**
     * Counts an accepted share's achieved difficulty against every record it could break.
     *
     * @param session          the submitting connection's session records
     * @param worker           the worker that submitted it
     * @param shareDifficulty  the difficulty its hash achieved
     * @param nowMillis        when it was accepted
     * @return the records broken, narrowest scope first and within a scope the worker's before the
     *         user's; an empty list (no allocation) when none was
     */
    public List<RecordBreak> onShare(SessionBests session, WorkerName worker, double shareDifficulty, long nowMillis) {
        double d = shareDifficulty;
        if (!(d > 0) || Double.isInfinite(d)) {
            return List.of();
        }
        long week = UtcWeek.startOf(nowMillis);
        WeeklyAndAllTimeBests w = bestsOf(workers, worker);
        WeeklyAndAllTimeBests u = bestsOf(users, worker.address());
        double sessionWorker = session.raiseWorker(worker, d);
        double sessionUser = session.raiseConnection(d);
        double weeklyWorker = w.raiseWeekly(d, nowMillis, week);
        double weeklyUser = u.raiseWeekly(d, nowMillis, week);
        double allTimeWorker = w.raiseAllTime(d, nowMillis);
        double allTimeUser = u.raiseAllTime(d, nowMillis);
        if (Double.isNaN(sessionWorker) && Double.isNaN(sessionUser) && Double.isNaN(weeklyWorker)
                && Double.isNaN(weeklyUser) && Double.isNaN(allTimeWorker) && Double.isNaN(allTimeUser)) {
            return List.of();
        }
        List<RecordBreak> broken = new ArrayList<>(6);
        add(broken, RecordHolder.WORKER, RecordScope.SESSION, d, sessionWorker);
        add(broken, RecordHolder.USER, RecordScope.SESSION, d, sessionUser);
        add(broken, RecordHolder.WORKER, RecordScope.WEEKLY, d, weeklyWorker);
        add(broken, RecordHolder.USER, RecordScope.WEEKLY, d, weeklyUser);
        add(broken, RecordHolder.WORKER, RecordScope.ALL_TIME, d, allTimeWorker);
        add(broken, RecordHolder.USER, RecordScope.ALL_TIME, d, allTimeUser);
        if (!(Double.isNaN(weeklyWorker) && Double.isNaN(weeklyUser) && Double.isNaN(allTimeWorker)
                && Double.isNaN(allTimeUser))) {
            changes.incrementAndGet();
        }
        return List.copyOf(broken);
    }

    /** The worker's records, or null when it never had an accepted share. */
    public WeeklyAndAllTimeBests worker(WorkerName worker) {
        return workers.get(worker);
    }

    /** The user's records, or null when none of its workers ever had an accepted share. */
    public WeeklyAndAllTimeBests user(String address) {
        return users.get(address);
    }

    public void forEachWorker(BiConsumer<WorkerName, WeeklyAndAllTimeBests> visitor) {
        workers.forEach(visitor);
    }

    public void forEachUser(BiConsumer<String, WeeklyAndAllTimeBests> visitor) {
        users.forEach(visitor);
    }

    public int workerCount() {
        return workers.size();
    }

    public int userCount() {
        return users.size();
    }

    /** Reinstates a worker's persisted records; never lowers a record. Not counted as a change. */
    public void restoreWorker(WorkerName worker, PersonalBest weekly, PersonalBest allTime) {
        bestsOf(workers, worker).restore(weekly, allTime);
    }

    /** Reinstates a user's persisted records; never lowers a record. Not counted as a change. */
    public void restoreUser(String address, PersonalBest weekly, PersonalBest allTime) {
        bestsOf(users, address).restore(weekly, allTime);
    }

    /** How many times a weekly or all-time record was raised since start (grows only). */
    public long changeCount() {
        return changes.get();
    }

    private static void add(List<RecordBreak> broken, RecordHolder holder, RecordScope scope, double newBest, double previous) {
        if (!Double.isNaN(previous)) {
            broken.add(new RecordBreak(holder, scope, newBest, previous));
        }
    }

    private static <K> WeeklyAndAllTimeBests bestsOf(ConcurrentHashMap<K, WeeklyAndAllTimeBests> map, K key) {
        WeeklyAndAllTimeBests b = map.get(key); // plain get first: computeIfAbsent may lock the bin
        return b != null ? b : map.computeIfAbsent(key, k -> new WeeklyAndAllTimeBests());
    }
}
