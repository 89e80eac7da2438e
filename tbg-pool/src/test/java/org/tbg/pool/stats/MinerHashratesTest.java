package org.tbg.pool.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tbg.pool.session.WorkerName;

class MinerHashratesTest {
    private static final double TWO_32 = 4_294_967_296.0;
    private static final String ALICE = "bc1qalice";
    private static final WorkerName RIG1 = new WorkerName(ALICE, "rig1");
    private static final WorkerName RIG2 = new WorkerName(ALICE, "rig2");
    private static final WorkerName BOB = new WorkerName("bc1qbob", "");

    @Test
    void aUserIsTheSumOfItsWorkers() {
        MinerHashrates h = new MinerHashrates(0);
        long t = 0;
        for (int s = 1; s <= 7_200; s++) { // two hours: rig1 at 10/s, rig2 at 30/s, bob at 1/s
            t = s * 1000L;
            h.record(RIG1, 10, t);
            h.record(RIG2, 30, t);
            h.record(BOB, 1, t);
        }
        Hashrates alice = h.user(ALICE, t);
        // the 1-minute window is within 1/60 of the true rate (see HashrateMeterTest)
        assertThat(h.worker(RIG1, t).oneMinute()).isCloseTo(10 * TWO_32, withinPercentage(100.0 / 60));
        assertThat(h.worker(RIG2, t).oneHour()).isCloseTo(30 * TWO_32, withinPercentage(100.0 / 3600));
        assertThat(alice.oneHour()).isCloseTo(40 * TWO_32, withinPercentage(100.0 / 3600));
        for (HashrateWindow w : HashrateWindow.values()) {
            assertThat(alice.of(w)).isCloseTo(h.worker(RIG1, t).of(w) + h.worker(RIG2, t).of(w), withinPercentage(1e-9));
        }
        assertThat(h.user("bc1qbob", t).oneHour()).isCloseTo(TWO_32, withinPercentage(100.0 / 3600));
        assertThat(h.workerCount()).isEqualTo(3);
        assertThat(h.userCount()).isEqualTo(2);
    }

    @Test
    void unknownNamesReadZero() {
        MinerHashrates h = new MinerHashrates(0);
        assertThat(h.worker(RIG1, 10_000)).isEqualTo(Hashrates.ZERO);
        assertThat(h.user(ALICE, 10_000)).isEqualTo(Hashrates.ZERO);
    }

    @Test
    void metersIdleForADayAreDropped() {
        MinerHashrates h = new MinerHashrates(0);
        long day = 86_400_000L;
        h.record(RIG1, 1, 1_000);
        h.record(BOB, 1, day / 2);
        assertThat(h.evictIdle(day)).isZero();
        assertThat(h.evictIdle(day + 1_001)).isEqualTo(2); // rig1 and its user alice
        assertThat(h.worker(RIG1, day + 2_000)).isEqualTo(Hashrates.ZERO);
        assertThat(h.worker(BOB, day + 2_000).oneDay()).isPositive();
        Map<WorkerName, Long> seen = new HashMap<>();
        h.forEachWorker((name, meter) -> seen.put(name, meter.lastShareMillis()));
        assertThat(seen).containsOnly(Map.entry(BOB, day / 2));
    }

    @Test
    void recordingAShareForKnownNamesAllocatesNothing() {
        MinerHashrates h = new MinerHashrates(0);
        AllocationProbe probe = AllocationProbe.forCurrentThread();
        long t = 0;
        for (int i = 0; i < 200_000; i++) {
            h.record(RIG1, 3, t += 7);
        }
        long before = probe.allocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            h.record(RIG1, 3, t += 7);
        }
        assertThat(probe.allocatedBytes() - before).as("bytes allocated by 100,000 shares").isLessThan(1024);
    }
}
