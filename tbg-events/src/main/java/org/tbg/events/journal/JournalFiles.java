package org.tbg.events.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Names of the hourly journal files: {@code events-YYYYMMDD-HH.jsonl} (UTC), one JSON event per line.
 * The names sort in time order, so a replay of a whole directory reads events roughly as emitted.
 */
public final class JournalFiles {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMdd-HH").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("events-\\d{8}-\\d{2}\\.jsonl");

    private JournalFiles() {
    }

    /** The file that holds events emitted at {@code at}. */
    public static Path forHour(Path dir, Instant at) {
        return dir.resolve("events-" + HOUR.format(at) + ".jsonl");
    }

    public static boolean isJournal(Path file) {
        return NAME.matcher(file.getFileName().toString()).matches();
    }

    /** Every journal file in {@code dir}, oldest first. */
    public static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(JournalFiles::isJournal).sorted().toList();
        }
    }
}
