package org.tbg.events.journal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a journal file line by line for replay. Lines are returned as written; a line cut short by a
 * crash comes back as is and the decoder refuses it, so one torn write costs one event, counted.
 * Blank lines are skipped.
 */
public final class JournalReader implements Closeable {
    private final Path file;
    private final BufferedReader in;
    private long lineNumber;

    private JournalReader(Path file, BufferedReader in) {
        this.file = file;
        this.in = in;
    }

    public static JournalReader open(Path file) throws IOException {
        return new JournalReader(file, Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    /** The next non-blank line, or null at the end of the file. */
    public String nextLine() throws IOException {
        String line;
        do {
            line = in.readLine();
            lineNumber++;
        } while (line != null && line.isBlank());
        return line;
    }

    /** The 1-based number of the line last returned (for "file:line" in logs). */
    public long lineNumber() {
        return lineNumber;
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
