package org.tbg.pool.block;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Append-only record of every block found ({@code logdir/blocks.jsonl}), written and forced to disk
 * before the block is submitted, then again with the outcome: a crash between finding and
 * submitting leaves the block hex on disk to resubmit by hand. Thread-safe.
 */
public final class BlockJournal {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public BlockJournal(Path logDir) throws IOException {
        Files.createDirectories(logDir);
        this.file = logDir.resolve("blocks.jsonl");
    }

    public Path file() {
        return file;
    }

    /** Records the block before submission; returns only once the line is on disk. */
    public void found(FoundBlock b) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("ts", System.currentTimeMillis() / 1000.0);
        n.put("state", "found");
        n.put("height", b.height());
        n.put("hash", b.hash());
        n.put("worker", b.worker().name().fullName());
        n.put("job_id", b.jobId());
        n.put("block", b.blockHex());
        append(n);
    }

    public void outcome(FoundBlock b, String result, long submitMillis) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("ts", System.currentTimeMillis() / 1000.0);
        n.put("state", "submitted");
        n.put("height", b.height());
        n.put("hash", b.hash());
        n.put("result", result);
        n.put("submit_ms", submitMillis);
        append(n);
    }

    private synchronized void append(ObjectNode n) throws IOException {
        byte[] line = (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buf = ByteBuffer.wrap(line);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }
}
