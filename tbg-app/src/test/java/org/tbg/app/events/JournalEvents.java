package org.tbg.app.events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.journal.JournalFiles;

/** A process's event journal, read back by tests: a line that is not a well-formed event fails the read. */
public final class JournalEvents {
    private JournalEvents() {
    }

    /** Every event in the journal files of {@code dir}, oldest file first, in file order. */
    public static List<Event> read(Path dir) throws Exception {
        List<Event> events = new ArrayList<>();
        for (Path file : JournalFiles.list(dir)) {
            for (String line : Files.readAllLines(file)) {
                events.add(EventCodec.decode(line));
            }
        }
        return events;
    }
}
