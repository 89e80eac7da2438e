package org.tbg.events.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.EventType;
import org.tbg.events.MalformedEventException;
import org.tbg.events.TestEvents;
import org.tbg.events.bus.EventBus;
import org.tbg.events.bus.EventBusSettings;

@Timeout(30)
class JournalSinkTest {
    private static final Instant BEFORE_FOUR = Instant.parse("2024-02-22T15:59:59.999999Z");
    private static final Instant AT_FOUR = Instant.parse("2024-02-22T16:00:00Z");

    @TempDir
    Path tmp;

    private static TestEvents at(Instant instant) {
        return new TestEvents(Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void writesOneLinePerEventIntoTheFileOfItsHourAndRotates() throws Exception {
        Path dir = tmp.resolve("journal/eu-1");
        JournalSink sink = new JournalSink(dir);
        Event a1 = at(BEFORE_FOUR).share(1);
        Event a2 = at(BEFORE_FOUR).share(2);
        Event b1 = at(AT_FOUR).share(3);
        Event b2 = at(AT_FOUR).share(4);

        sink.write(List.of(a1, a2, b1));
        sink.write(List.of(b2));
        sink.close();

        Path three = dir.resolve("events-20240222-15.jsonl");
        Path four = dir.resolve("events-20240222-16.jsonl");
        assertThat(JournalFiles.list(dir)).containsExactly(three, four);
        assertThat(decodeAll(three)).containsExactly(a1, a2);
        assertThat(decodeAll(four)).containsExactly(b1, b2);
    }

    @Test
    void linesAreVisibleAfterEachBatchWithoutClosing() throws Exception {
        JournalSink sink = new JournalSink(tmp);
        Event e = at(AT_FOUR).share(1);
        sink.write(List.of(e));

        // what tail -f or a crash would see: the batch is with the OS already
        assertThat(Files.readAllLines(sink.currentFile())).containsExactly(EventCodec.encodeToString(e));
        sink.close();
    }

    @Test
    void aTornLastLineStaysAloneAndOnlyItIsLost() throws Exception {
        Path file = JournalFiles.forHour(tmp, AT_FOUR);
        Event whole = at(AT_FOUR).share(1);
        String cut = EventCodec.encodeToString(at(AT_FOUR).share(2)).substring(0, 60);
        Files.writeString(file, EventCodec.encodeToString(whole) + "\n" + cut, StandardCharsets.UTF_8);

        JournalSink sink = new JournalSink(tmp);
        Event next1 = at(AT_FOUR).share(3);
        Event next2 = at(AT_FOUR).share(4);
        sink.write(List.of(next1, next2));
        sink.close();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).isEqualTo(cut);
        assertThat(EventCodec.decode(lines.get(0))).isEqualTo(whole);
        assertThatThrownBy(() -> EventCodec.decode(lines.get(1))).isInstanceOf(MalformedEventException.class);
        assertThat(EventCodec.decode(lines.get(2))).isEqualTo(next1);
        assertThat(EventCodec.decode(lines.get(3))).isEqualTo(next2);
    }

    @Test
    void aFullDiskDropsTheBatchAndTheNextBatchReopensTheFile() throws Exception {
        Path file = JournalFiles.forHour(tmp, AT_FOUR);
        Files.createSymbolicLink(file, Path.of("/dev/full")); // every write: ENOSPC
        TestEvents events = at(AT_FOUR);
        EventBus bus = EventBus.start(new EventBusSettings(EnumSet.allOf(EventType.class), 1024, 64),
                List.of(new JournalSink(tmp)));
        try {
            for (int i = 0; i < 3; i++) {
                bus.emit(events.share(i));
            }
            assertThat(bus.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(bus.dropped("journal")).isEqualTo(3);
            assertThat(bus.emitted("journal")).isZero();

            Files.delete(file); // space again
            List<Event> later = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                later.add(events.share(10 + i));
                bus.emit(later.get(i));
            }
            assertThat(bus.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(bus.emitted("journal")).isEqualTo(2);
            assertThat(decodeAll(file)).containsExactlyElementsOf(later);
        } finally {
            bus.close();
        }
    }

    @Test
    void aDirectoryRemovedWhileRunningIsCreatedAgainOnRotation() throws Exception {
        Path dir = tmp.resolve("j");
        JournalSink sink = new JournalSink(dir);
        sink.write(List.of(at(BEFORE_FOUR).share(1)));
        Files.delete(dir.resolve("events-20240222-15.jsonl"));
        Files.delete(dir);

        Event e = at(AT_FOUR).share(2);
        sink.write(List.of(e));
        sink.close();
        assertThat(decodeAll(dir.resolve("events-20240222-16.jsonl"))).containsExactly(e);
    }

    private static List<Event> decodeAll(Path file) throws IOException, MalformedEventException {
        List<Event> out = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(file)) {
            byte[] line;
            while ((line = reader.next()) != null) {
                out.add(EventCodec.decode(line));
            }
        }
        return out;
    }
}
