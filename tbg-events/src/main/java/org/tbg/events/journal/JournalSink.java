package org.tbg.events.journal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.bus.EventSink;

/**
 * The replay source: one JSON line per event in hourly files ({@link JournalFiles}), chosen by the
 * event's own time. The buffer is flushed to the OS after every batch, so {@code tail -f} sees events
 * at once and a crash of the process loses nothing the OS has; the file is forced to disk when the
 * hour changes and at close. A failed write (disk full) is thrown to the bus, which counts the batch
 * as dropped, and the next batch reopens the file.
 *
 * <p>Thread rule: the bus's thread for this sink only. One journal directory per pool instance (two
 * writers would interleave partial lines).
 */
public final class JournalSink implements EventSink {
    public static final String NAME = "journal";
    private static final Logger log = LoggerFactory.getLogger(JournalSink.class);
    private static final long MICROS_PER_HOUR = 3_600_000_000L;
    /** Several hundred events; one write syscall per batch at typical rates. */
    private static final int BUFFER_BYTES = 64 * 1024;

    private final Path dir;
    private FileChannel channel;
    private OutputStream out;
    private long hour;
    private Path file;

    public JournalSink(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The file written last, or null before the first write (and after a failure). */
    public Path currentFile() {
        return file;
    }

    @Override
    public void write(List<Event> batch) throws IOException {
        try {
            for (Event event : batch) {
                long eventHour = Math.floorDiv(event.tsMicros(), MICROS_PER_HOUR);
                if (out == null || eventHour != hour) {
                    open(eventHour);
                }
                EventCodec.write(event, out);
                out.write('\n');
            }
            out.flush();
        } catch (IOException | UncheckedIOException e) {
            abandon();
            throw e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
        }
    }

    @Override
    public void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    @Override
    public void close() {
        try {
            closeCurrent();
        } catch (IOException e) {
            log.warn("journal: closing {} failed: {}", file, e.getMessage());
            abandon();
        }
    }

    private void open(long eventHour) throws IOException {
        closeCurrent();
        Path next = JournalFiles.forHour(dir, Instant.ofEpochSecond(eventHour * 3600));
        Files.createDirectories(dir);
        boolean torn = endsMidLine(next);
        channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
        hour = eventHour;
        file = next;
        if (torn) {
            // a crash cut the last line short: end it, so only that line is lost and not the next one too
            out.write('\n');
            log.warn("journal: {} ended in a partial line (a crash?); it is kept on a line of its own", next);
        }
    }

    /** Flushes, forces to disk and closes the current file. */
    private void closeCurrent() throws IOException {
        if (out == null) {
            return;
        }
        try {
            out.flush();
            channel.force(true);
        } finally {
            out = null;
            channel.close();
            channel = null;
        }
    }

    /** Drops the current file without flushing: a failed buffer is not written twice. */
    private void abandon() {
        out = null;
        file = null;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the next batch reopens
            }
            channel = null;
        }
    }

    private static boolean endsMidLine(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size == 0) {
                return false;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            in.read(last, size - 1);
            return last.get(0) != '\n';
        }
    }
}
