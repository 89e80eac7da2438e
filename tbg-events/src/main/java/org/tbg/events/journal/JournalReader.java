package org.tbg.events.journal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.tbg.events.EventCodec;

/**
 * The lines of a journal file as raw bytes. Unlike a character reader it never fails on what a
 * crash can leave behind — a line cut inside a multi-byte character is handed on as is, and the
 * decoder refuses it as one malformed event — so a replay always reaches the end of the file.
 * Blank lines are skipped; a line longer than {@code maxLineBytes} is cut there (the decoder
 * refuses it as oversized). Single-threaded.
 */
public final class JournalReader implements Closeable {
    private final Path file;
    private final InputStream in;
    private final int maxLineBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(512);
    private long lineNumber;

    /** A reader that cuts lines at one byte over {@link EventCodec#MAX_EVENT_BYTES} (enough to refuse them as oversized). */
    public static JournalReader open(Path file) throws IOException {
        return new JournalReader(file, EventCodec.MAX_EVENT_BYTES + 1);
    }

    public JournalReader(Path file, int maxLineBytes) throws IOException {
        this.file = file;
        this.in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
        this.maxLineBytes = maxLineBytes;
    }

    /** The next non-blank line without its line end, or null at the end of the file. */
    public byte[] next() throws IOException {
        while (true) {
            line.reset();
            int b;
            boolean any = false;
            while ((b = in.read()) >= 0 && b != '\n') {
                any = true;
                if (line.size() < maxLineBytes) {
                    line.write(b);
                }
            }
            if (b < 0 && !any) {
                return null;
            }
            lineNumber++;
            byte[] bytes = line.toByteArray();
            int len = bytes.length;
            if (len > 0 && bytes[len - 1] == '\r') {
                len--;
            }
            if (!isBlank(bytes, len)) {
                return len == bytes.length ? bytes : Arrays.copyOf(bytes, len);
            }
        }
    }

    /** The 1-based number of the line last returned. */
    public long lineNumber() {
        return lineNumber;
    }

    public Path file() {
        return file;
    }

    private static boolean isBlank(byte[] b, int len) {
        for (int i = 0; i < len; i++) {
            if (b[i] != ' ' && b[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
