package org.tbg.bench;

import java.nio.charset.StandardCharsets;

/**
 * Pre-generated {@code mining.submit} lines, as they arrive from the line framer (UTF-8, no '\n'),
 * so a benchmark measures the pool rather than building its input. Line {@code i} carries nonce
 * {@code i}; all else is the same, so every line names a different header.
 */
final class SubmitLines {
    private SubmitLines() {}

    /**
     * {@code count} lines in the field order and spacing cgminer writes (params first, id, method).
     */
    static byte[][] generate(String worker, String jobId, String extranonce2Hex, String ntimeHex, int count) {
        byte[][] lines = new byte[count][];
        for (int i = 0; i < count; i++) {
            String line = "{\"params\": [\"" + worker + "\", \"" + jobId + "\", \"" + extranonce2Hex + "\", \""
                    + ntimeHex + "\", \"" + String.format("%08x", i) + "\"], \"id\": " + (i + 1)
                    + ", \"method\": \"mining.submit\"}";
            lines[i] = line.getBytes(StandardCharsets.UTF_8);
        }
        return lines;
    }
}
