package org.tbg.collector.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.tbg.events.EventCodec;
import org.tbg.events.journal.JournalFiles;
import org.tbg.events.journal.JournalReader;

/**
 * Journal files as a source ({@code tbg collector --replay FILE…}): every line of every file, in
 * order, in batches; a directory stands for its journal files, oldest first ({@link JournalFiles}). Ends after the last
 * line. Nothing to acknowledge: a replay is repeated by running it again, and the writes ignore
 * what is already stored. Single-threaded.
 */
public final class JournalReplay implements EventSource {
    private final List<Path> files;
    private int next;
    private JournalReader reader;

    private JournalReplay(List<Path> files) {
        this.files = files;
    }

    /**
     * @param paths journal files and directories of journal files
     * @throws IOException when a path does not exist or a directory cannot be listed
     */
    public static JournalReplay of(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                files.addAll(JournalFiles.list(p));
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new java.nio.file.NoSuchFileException(p.toString(), null, "no such journal file or directory");
            }
        }
        return new JournalReplay(List.copyOf(files));
    }

    public List<Path> files() {
        return files;
    }

    @Override
    public SourceBatch fetch(int max, Duration maxWait) {
        List<byte[]> lines = new ArrayList<>(Math.min(max, 8192));
        List<String> origins = new ArrayList<>(Math.min(max, 8192));
        try {
            while (lines.size() < max) {
                if (reader == null) {
                    if (next >= files.size()) {
                        break;
                    }
                    reader = new JournalReader(files.get(next++), EventCodec.MAX_EVENT_BYTES + 1);
                }
                byte[] line = reader.next();
                if (line == null) {
                    reader.close();
                    reader = null;
                    continue;
                }
                lines.add(line);
                origins.add(reader.file().getFileName() + ":" + reader.lineNumber());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal " + (reader == null ? "" : reader.file()), e);
        }
        if (lines.isEmpty()) {
            return null;
        }
        return new SourceBatch() {
            @Override
            public List<byte[]> messages() {
                return lines;
            }

            @Override
            public void ack() {
                // a replay is repeated by running it again
            }

            @Override
            public String origin(int index) {
                return origins.get(index);
            }
        };
    }

    @Override
    public String describe() {
        return "journal replay of " + files.size() + " file(s)";
    }

    @Override
    public void close() {
        if (reader != null) {
            try {
                reader.close();
            } catch (IOException ignored) {
                // read-only file
            }
            reader = null;
        }
    }
}
