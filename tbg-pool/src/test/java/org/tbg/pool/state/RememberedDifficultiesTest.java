package org.tbg.pool.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RememberedDifficultiesTest {
    private final MutableClock clock = new MutableClock(1_700_000_000_000L);

    @Test
    void keepsTheLatestDifficultyPerWorker() {
        RememberedDifficulties d = new RememberedDifficulties(Duration.ofHours(24), 10, clock);
        d.put("a.rig1", 512);
        d.put("a.rig2", 0.001);
        d.put("a.rig1", 2048);
        assertThat(d.get("a.rig1")).hasValue(2048);
        assertThat(d.get("a.rig2")).hasValue(0.001);
        assertThat(d.get("a.rig3")).isEmpty();
    }

    @Test
    void forgetsAfterTheTimeToLiveCountedFromTheLastPut() {
        RememberedDifficulties d = new RememberedDifficulties(Duration.ofHours(24), 10, clock);
        d.put("w", 64);
        clock.advance(Duration.ofHours(23));
        d.put("w", 128); // a change restarts the 24 h
        clock.advance(Duration.ofHours(23));
        assertThat(d.get("w")).hasValue(128);
        clock.advance(Duration.ofHours(1));
        assertThat(d.get("w")).isEmpty();
    }

    @Test
    void sweepDropsOnlyExpiredEntries() {
        RememberedDifficulties d = new RememberedDifficulties(Duration.ofMinutes(10), 10, clock);
        d.put("old", 1);
        clock.advance(Duration.ofMinutes(6));
        d.put("new", 2);
        clock.advance(Duration.ofMinutes(5));
        assertThat(d.sweep()).isEqualTo(1);
        assertThat(d.size()).isEqualTo(1);
        assertThat(d.get("new")).hasValue(2);
    }

    @Test
    void whenFullOfLiveEntriesNewWorkersAreNotKeptButKnownOnesUpdate() {
        RememberedDifficulties d = new RememberedDifficulties(Duration.ofMinutes(10), 2, clock);
        assertThat(d.put("a", 1)).isTrue();
        assertThat(d.put("b", 2)).isTrue();
        assertThat(d.put("c", 3)).isFalse();
        assertThat(d.get("c")).isEmpty();
        assertThat(d.put("a", 10)).isTrue();
        assertThat(d.get("a")).hasValue(10);
    }

    @Test
    void aFullMapMakesRoomOnceEntriesExpire() {
        RememberedDifficulties d = new RememberedDifficulties(Duration.ofMinutes(10), 2, clock);
        d.put("a", 1);
        d.put("b", 2);
        clock.advance(Duration.ofMinutes(11));
        assertThat(d.put("c", 3)).isTrue();
        assertThat(d.get("c")).hasValue(3);
        assertThat(d.size()).isEqualTo(1);
    }

    @Test
    void putIfAbsentNeverReplacesALocalValue() {
        RememberedDifficulties d = new RememberedDifficulties(Duration.ofHours(24), 10, clock);
        d.put("w", 256);
        d.putIfAbsent("w", 8);
        d.putIfAbsent("v", 8);
        assertThat(d.get("w")).hasValue(256);
        assertThat(d.get("v")).hasValue(8);
    }
}
