package org.tbg.pool.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.pool.session.WorkerName;

@Timeout(60)
class BestDifficultyStoreTest {
    private static final String ALICE = "bc1qalice";
    private static final WorkerName RIG1 = new WorkerName(ALICE, "rig1");
    private static final WorkerName UNNAMED = new WorkerName(ALICE, "");
    private static final WorkerName BOB = new WorkerName("tb1qbob", "x.y_z");
    private static final Duration RARELY = Duration.ofHours(1);

    @TempDir
    Path logDir;

    private final AtomicLong clock = new AtomicLong(millis("2024-01-10T12:00:00Z"));

    private static long millis(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private BestDifficultyStore open(BestDifficultyTracker tracker) throws IOException {
        return BestDifficultyStore.open(logDir, tracker, RARELY, clock::get);
    }

    private List<Path> filesInLogDir() throws IOException {
        try (Stream<Path> s = Files.list(logDir)) {
            return s.sorted().toList();
        }
    }

    @Test
    void aRestartedPoolKnowsEveryWeeklyAndAllTimeRecord() throws IOException {
        long lastWeek = millis("2024-01-05T08:00:00Z");
        long now = clock.get();
        BestDifficultyTracker before = new BestDifficultyTracker();
        try (BestDifficultyStore store = open(before)) {
            SessionBests s = new SessionBests();
            before.onShare(s, RIG1, 123_456.789, lastWeek);   // all-time only by now
            before.onShare(s, RIG1, 1_000.5, now - 5_000);     // this week's best
            before.onShare(s, UNNAMED, 0.000_012_3, now - 4_000); // a sub-1 device
            before.onShare(new SessionBests(), BOB, 7.25, now - 3_000);
        } // close writes the file

        BestDifficultyTracker after = new BestDifficultyTracker();
        try (BestDifficultyStore store = open(after)) {
            assertThat(after.workerCount()).isEqualTo(3);
            assertThat(after.userCount()).isEqualTo(2);
            assertThat(after.worker(RIG1).allTime()).isEqualTo(new PersonalBest(123_456.789, lastWeek));
            assertThat(after.worker(RIG1).weekly(now)).isEqualTo(new PersonalBest(1_000.5, now - 5_000));
            assertThat(after.worker(UNNAMED).allTime()).isEqualTo(new PersonalBest(0.000_012_3, now - 4_000));
            assertThat(after.worker(BOB).weekly(now)).isEqualTo(new PersonalBest(7.25, now - 3_000));
            assertThat(after.user(ALICE).allTime()).isEqualTo(new PersonalBest(123_456.789, lastWeek));
            assertThat(after.user(ALICE).weekly(now)).isEqualTo(new PersonalBest(1_000.5, now - 5_000));
            assertThat(after.user("tb1qbob").allTime().difficulty()).isEqualTo(7.25);

            // the restored records are the ones to beat; the session starts over
            SessionBests fresh = new SessionBests();
            assertThat(after.onShare(fresh, RIG1, 2_000, now)).extracting(RecordBreak::scope)
                    .containsExactly(RecordScope.SESSION, RecordScope.SESSION, RecordScope.WEEKLY, RecordScope.WEEKLY);
            assertThat(store.saveIfChanged()).isTrue();
            assertThat(store.saveIfChanged()).isFalse(); // nothing new since
        }
        assertThat(filesInLogDir()).containsExactly(logDir.resolve(BestDifficultyStore.FILE_NAME)); // no temp left
    }

    @Test
    void aRecordFromAnEndedWeekComesBackAsAllTimeOnly() throws IOException {
        BestDifficultyTracker before = new BestDifficultyTracker();
        try (BestDifficultyStore store = open(before)) {
            before.onShare(new SessionBests(), RIG1, 900, clock.get());
        }
        clock.set(millis("2024-01-15T00:00:00Z")); // the next Monday
        BestDifficultyTracker after = new BestDifficultyTracker();
        try (BestDifficultyStore store = open(after)) {
            assertThat(after.worker(RIG1).weekly(clock.get())).isNull();
            assertThat(after.worker(RIG1).allTime().difficulty()).isEqualTo(900);
            assertThat(after.onShare(new SessionBests(), RIG1, 10, clock.get())).extracting(RecordBreak::scope)
                    .contains(RecordScope.WEEKLY).doesNotContain(RecordScope.ALL_TIME);
        }
    }

    @Test
    void savesPeriodicallyOffTheSharePath() throws IOException {
        BestDifficultyTracker tracker = new BestDifficultyTracker();
        Path file = logDir.resolve(BestDifficultyStore.FILE_NAME);
        try (BestDifficultyStore store = BestDifficultyStore.open(logDir, tracker, Duration.ofMillis(50), clock::get)) {
            assertThat(file).doesNotExist(); // nothing to save yet
            tracker.onShare(new SessionBests(), RIG1, 31_337, clock.get());
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(file)
                    && Files.readString(file).contains("31337"));
            // the next change lands in a later save without anyone asking
            tracker.onShare(new SessionBests(), RIG1, 99_999, clock.get());
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(file).contains("99999"));
        }
    }

    @Test
    void aMissingFileMeansNoRecordsYet() throws IOException {
        BestDifficultyTracker tracker = new BestDifficultyTracker();
        try (BestDifficultyStore store = open(tracker)) {
            assertThat(tracker.workerCount()).isZero();
        }
        assertThat(filesInLogDir()).isEmpty(); // nothing changed, nothing written
    }

    @Test
    void aCorruptFileIsSetAsideAndThePoolStartsWithoutRecords() throws IOException {
        Path file = logDir.resolve(BestDifficultyStore.FILE_NAME);
        Files.writeString(file, "{\"format\":1,\"saved_at_millis\":17049, \"workers\":[{\"user\":");
        BestDifficultyTracker tracker = new BestDifficultyTracker();
        try (BestDifficultyStore store = open(tracker)) {
            assertThat(tracker.workerCount()).isZero();
            assertThat(file).doesNotExist();
            Path aside = logDir.resolve(BestDifficultyStore.FILE_NAME + ".corrupt-20240110T120000Z");
            assertThat(aside).hasContent("{\"format\":1,\"saved_at_millis\":17049, \"workers\":[{\"user\":");
            tracker.onShare(new SessionBests(), RIG1, 5, clock.get());
        }
        // the pool carries on: a fresh file next to the one set aside
        BestDifficultyTracker after = new BestDifficultyTracker();
        try (BestDifficultyStore store = open(after)) {
            assertThat(after.worker(RIG1).allTime().difficulty()).isEqualTo(5);
        }
        assertThat(filesInLogDir()).hasSize(2);
    }

    @Test
    void wellFormedJsonWithImpossibleContentIsCorruptToo() throws IOException {
        Path file = logDir.resolve(BestDifficultyStore.FILE_NAME);
        List<String> bad = List.of(
                "",
                "null",
                "[]",
                "{\"format\":99,\"saved_at_millis\":0,\"workers\":[],\"users\":[]}",
                "{\"format\":1,\"saved_at_millis\":0,\"workers\":[]}",
                "{\"format\":1,\"saved_at_millis\":0,\"workers\":[{\"user\":\"a\",\"worker\":\"w\","
                        + "\"all_time\":{\"difficulty\":-1,\"set_at_millis\":0}}],\"users\":[]}",
                "{\"format\":1,\"saved_at_millis\":0,\"workers\":[],\"users\":[{\"user\":\"a\"}]}",
                "{\"format\":1,\"saved_at_millis\":0,\"workers\":[{\"worker\":\"w\","
                        + "\"all_time\":{\"difficulty\":1,\"set_at_millis\":0}}],\"users\":[]}");
        for (int i = 0; i < bad.size(); i++) {
            Files.writeString(file, bad.get(i));
            BestDifficultyTracker tracker = new BestDifficultyTracker();
            try (BestDifficultyStore store = open(tracker)) {
                assertThat(file).as("case %d: %s", i, bad.get(i)).doesNotExist();
                assertThat(tracker.workerCount() + tracker.userCount()).isZero();
            }
        }
        // every bad file was kept, none overwrote another
        assertThat(filesInLogDir()).hasSize(bad.size())
                .allMatch(p -> p.getFileName().toString().startsWith(BestDifficultyStore.FILE_NAME + ".corrupt-"));
    }

    @Test
    void aTempFileLeftByACrashIsIgnored() throws IOException {
        BestDifficultyTracker before = new BestDifficultyTracker();
        try (BestDifficultyStore store = open(before)) {
            before.onShare(new SessionBests(), RIG1, 77, clock.get());
        }
        Path temp = logDir.resolve(BestDifficultyStore.FILE_NAME + ".tmp");
        Files.write(temp, "{\"format\":1,\"saved_at_mil".getBytes(StandardCharsets.UTF_8)); // cut short
        BestDifficultyTracker after = new BestDifficultyTracker();
        try (BestDifficultyStore store = open(after)) {
            assertThat(after.worker(RIG1).allTime().difficulty()).isEqualTo(77);
            assertThat(temp).doesNotExist();
        }
    }

    @Test
    void anUnusableLogDirFailsAtStartup() throws IOException {
        Path notADir = logDir.resolve("plain-file");
        Files.writeString(notADir, "x");
        assertThatThrownBy(() -> BestDifficultyStore.open(notADir, new BestDifficultyTracker(), RARELY))
                .isInstanceOf(IOException.class);
    }

    @Test
    void theFileIsReadableJson() throws IOException {
        BestDifficultyTracker tracker = new BestDifficultyTracker();
        try (BestDifficultyStore store = open(tracker)) {
            tracker.onShare(new SessionBests(), RIG1, 2.5, clock.get());
        }
        String json = Files.readString(logDir.resolve(BestDifficultyStore.FILE_NAME));
        assertThat(json).contains("\"format\":1", "\"user\":\"bc1qalice\"", "\"worker\":\"rig1\"",
                "\"all_time\":{\"difficulty\":2.5,\"set_at_millis\":" + clock.get() + "}",
                "\"weekly\":{\"difficulty\":2.5");
    }
}
