package org.tbg.collector.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tbg.collector.source.JournalReplay;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;

/** Events as a journal file replayed: the simplest finite source for tests. */
final class JournalReplayOf {
    private JournalReplayOf() {
    }

    static JournalReplay lines(List<Event> events) {
        try {
            Path file = Files.createTempFile("tbg-journal-", ".jsonl");
            file.toFile().deleteOnExit();
            Files.write(file, events.stream().map(EventCodec::encodeToString).toList(), StandardCharsets.UTF_8);
            return JournalReplay.of(List.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
