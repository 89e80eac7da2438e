package org.tbg.pool.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.tbg.pool.stats.RecordHolder.USER;
import static org.tbg.pool.stats.RecordHolder.WORKER;
import static org.tbg.pool.stats.RecordScope.ALL_TIME;
import static org.tbg.pool.stats.RecordScope.SESSION;
import static org.tbg.pool.stats.RecordScope.WEEKLY;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.pool.session.WorkerName;

class BestDifficultyTrackerTest {
    private static final String ALICE = "bc1qalice";
    private static final WorkerName RIG1 = new WorkerName(ALICE, "rig1");
    private static final WorkerName RIG2 = new WorkerName(ALICE, "rig2");
    /** Wednesday in the week of Monday 2024-01-08. */
    private static final long WEDNESDAY = millis("2024-01-10T12:00:00Z");

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void theFirstShareSetsEveryRecordNarrowestFirst() {
        BestDifficultyTracker t = new BestDifficultyTracker();
        List<RecordBreak> broken = t.onShare(new SessionBests(), RIG1, 1500, WEDNESDAY);
        assertThat(broken).containsExactly(
                new RecordBreak(WORKER, SESSION, 1500, 0),
                new RecordBreak(USER, SESSION, 1500, 0),
                new RecordBreak(WORKER, WEEKLY, 1500, 0),
                new RecordBreak(USER, WEEKLY, 1500, 0),
                new RecordBreak(WORKER, ALL_TIME, 1500, 0),
                new RecordBreak(USER, ALL_TIME, 1500, 0));
        assertThat(t.changeCount()).isEqualTo(1);
    }

    @Test
    void onlyTheScopesActuallyBeatenAreReported() {
        BestDifficultyTracker t = new BestDifficultyTracker();
        SessionBests first = new SessionBests();
        t.onShare(first, RIG1, 1000, WEDNESDAY);
        // lower, equal: nothing (a record must be beaten, not matched)
        assertThat(t.onShare(first, RIG1, 999, WEDNESDAY + 1)).isEmpty();
        assertThat(t.onShare(first, RIG1, 1000, WEDNESDAY + 2)).isEmpty();
        long changes = t.changeCount();

        // a new connection: its session records start over, the lasting ones stand
        SessionBests second = new SessionBests();
        assertThat(t.onShare(second, RIG1, 400, WEDNESDAY + 3)).containsExactly(
                new RecordBreak(WORKER, SESSION, 400, 0),
                new RecordBreak(USER, SESSION, 400, 0));
        assertThat(t.changeCount()).isEqualTo(changes); // session records are not persisted

        // another worker of the same user, on the same connection: its own records, not the user's
        assertThat(t.onShare(second, RIG2, 300, WEDNESDAY + 4)).containsExactly(
                new RecordBreak(WORKER, SESSION, 300, 0),
                new RecordBreak(WORKER, WEEKLY, 300, 0),
                new RecordBreak(WORKER, ALL_TIME, 300, 0));
        assertThat(second.best(RIG2)).isEqualTo(300);
        assertThat(second.best(RIG1)).isEqualTo(400);
        assertThat(second.connectionBest()).isEqualTo(400);

        // beating the connection and the week but nothing older
        assertThat(t.onShare(second, RIG2, 1200, WEDNESDAY + 5)).containsExactly(
                new RecordBreak(WORKER, SESSION, 1200, 300),
                new RecordBreak(USER, SESSION, 1200, 400),
                new RecordBreak(WORKER, WEEKLY, 1200, 300),
                new RecordBreak(USER, WEEKLY, 1200, 1000),
                new RecordBreak(WORKER, ALL_TIME, 1200, 300),
                new RecordBreak(USER, ALL_TIME, 1200, 1000));
        assertThat(t.user(ALICE).allTime()).isEqualTo(new PersonalBest(1200, WEDNESDAY + 5));
        assertThat(t.worker(RIG1).allTime()).isEqualTo(new PersonalBest(1000, WEDNESDAY));
    }

    @Test
    void theWeeklyRecordResetsAtMondayMidnightUtc() {
        long sundayLast = millis("2024-01-07T23:59:59.999Z");
        long monday = millis("2024-01-08T00:00:00Z");
        assertThat(Instant.ofEpochMilli(monday).atZone(ZoneOffset.UTC).getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
        BestDifficultyTracker t = new BestDifficultyTracker();
        SessionBests s = new SessionBests();

        t.onShare(s, RIG1, 5000, sundayLast - 60_000);
        assertThat(t.onShare(s, RIG1, 100, sundayLast)).isEmpty(); // still Sunday: 5000 stands

        // one millisecond later a new week begins: a far smaller share is the week's first record
        assertThat(t.onShare(s, RIG1, 100, monday)).containsExactly(
                new RecordBreak(WORKER, WEEKLY, 100, 0),
                new RecordBreak(USER, WEEKLY, 100, 0));
        assertThat(t.worker(RIG1).weekly(monday)).isEqualTo(new PersonalBest(100, monday));
        assertThat(t.worker(RIG1).weekly(sundayLast)).isNull(); // last week's record was replaced
        assertThat(t.worker(RIG1).allTime()).isEqualTo(new PersonalBest(5000, sundayLast - 60_000));

        // a share stamped on Sunday but counted after Monday's record (another event loop was
        // slower) cannot break a week that is over, nor overwrite the new week's record
        assertThat(t.onShare(s, RIG2, 200, sundayLast)).extracting(RecordBreak::holder, RecordBreak::scope)
                .doesNotContain(tuple(USER, WEEKLY));
        assertThat(t.user(ALICE).weekly(monday)).isEqualTo(new PersonalBest(100, monday));
    }

    @Test
    void weeklyReadsAreEmptyOnceTheWeekIsOver() {
        BestDifficultyTracker t = new BestDifficultyTracker();
        t.onShare(new SessionBests(), RIG1, 42, WEDNESDAY);
        assertThat(t.worker(RIG1).weekly(millis("2024-01-14T23:59:59.999Z"))).isNotNull();
        assertThat(t.worker(RIG1).weekly(millis("2024-01-15T00:00:00Z"))).isNull();
        assertThat(t.user(ALICE).weekly(millis("2024-01-15T00:00:00Z"))).isNull();
        assertThat(t.user(ALICE).allTime().difficulty()).isEqualTo(42);
    }

    @Test
    void nonsenseDifficultiesAreIgnored() {
        BestDifficultyTracker t = new BestDifficultyTracker();
        SessionBests s = new SessionBests();
        assertThat(t.onShare(s, RIG1, Double.NaN, WEDNESDAY)).isEmpty();
        assertThat(t.onShare(s, RIG1, 0, WEDNESDAY)).isEmpty();
        assertThat(t.onShare(s, RIG1, Double.POSITIVE_INFINITY, WEDNESDAY)).isEmpty();
        assertThat(t.worker(RIG1)).isNull();
        assertThat(s.connectionBest()).isZero();
    }

    @Test
    @Timeout(60)
    void concurrentSharesKeepTheTrueMaximumAndAnUnbrokenChainOfRecords() throws Exception {
        int threads = 8;
        int perThread = 20_000;
        BestDifficultyTracker t = new BestDifficultyTracker();
        WorkerName[] workers = {RIG1, RIG2};
        // Interleaved rising ladders (thread i sends k·threads + i + 1, slightly jittered) make nearly
        // every share a record, so the threads race on the same records all the time.
        double[][] diffs = new double[threads][perThread];
        Random r = new Random(2024);
        for (int i = 0; i < threads; i++) {
            for (int k = 0; k < perThread; k++) {
                diffs[i][k] = (double) k * threads + i + 1 + r.nextDouble() * threads * 3;
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<List<RecordBreak>> userAllTime = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<RecordBreak>>> done = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                double[] mine = diffs[i];
                WorkerName worker = workers[i % 2];
                done.add(pool.submit(() -> {
                    SessionBests session = new SessionBests(); // one connection per thread
                    List<RecordBreak> seen = new ArrayList<>();
                    start.await();
                    for (double d : mine) {
                        for (RecordBreak b : t.onShare(session, worker, d, WEDNESDAY)) {
                            if (b.holder() == USER && b.scope() == ALL_TIME) {
                                seen.add(b);
                            }
                        }
                    }
                    return seen;
                }));
            }
            start.countDown();
            for (Future<List<RecordBreak>> f : done) {
                userAllTime.add(f.get(50, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        double[] maxOfWorker = new double[2];
        for (int i = 0; i < threads; i++) {
            for (double d : diffs[i]) {
                maxOfWorker[i % 2] = Math.max(maxOfWorker[i % 2], d);
            }
        }
        double max = Math.max(maxOfWorker[0], maxOfWorker[1]);
        assertThat(t.worker(RIG1).allTime().difficulty()).isEqualTo(maxOfWorker[0]);
        assertThat(t.worker(RIG2).allTime().difficulty()).isEqualTo(maxOfWorker[1]);
        assertThat(t.user(ALICE).allTime().difficulty()).isEqualTo(max);
        assertThat(t.user(ALICE).weekly(WEDNESDAY).difficulty()).isEqualTo(max);

        // every user all-time break must start where the previous one ended: 0 → … → max
        List<RecordBreak> chain = new ArrayList<>();
        userAllTime.forEach(chain::addAll);
        chain.sort(Comparator.comparingDouble(RecordBreak::newBest));
        double previous = 0;
        for (RecordBreak b : chain) {
            assertThat(b.previousBest()).isEqualTo(previous);
            previous = b.newBest();
        }
        assertThat(previous).isEqualTo(max);
    }

    @Test
    void aShareBreakingNothingAllocatesNothing() {
        BestDifficultyTracker t = new BestDifficultyTracker();
        SessionBests s = new SessionBests();
        t.onShare(s, RIG1, 1e9, WEDNESDAY);
        AllocationProbe probe = AllocationProbe.forCurrentThread();
        for (int i = 0; i < 200_000; i++) {
            t.onShare(s, RIG1, 1 + (i & 1023), WEDNESDAY + i);
        }
        long before = probe.allocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            t.onShare(s, RIG1, 1 + (i & 1023), WEDNESDAY + i);
        }
        assertThat(probe.allocatedBytes() - before).as("bytes allocated by 100,000 shares").isLessThan(1024);
    }
}
