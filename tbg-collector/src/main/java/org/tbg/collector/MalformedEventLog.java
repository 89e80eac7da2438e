package org.tbg.collector;

import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.events.MalformedEventException;

/**
 * One WARN line per refused event — its origin, the reason and the first 200 characters, escaped
 * so that a hostile input cannot forge log lines — at most one a second; the lines held back are
 * counted in the next one. Thread-safe.
 */
public final class MalformedEventLog {
    private static final Logger log = LoggerFactory.getLogger(MalformedEventLog.class);
    static final int PREVIEW_CHARS = 200;
    private static final long INTERVAL_MILLIS = 1_000;

    private final Clock clock;
    /** Guarded by this. */
    private long lastLineMillis = Long.MIN_VALUE / 2;
    private long suppressed;

    public MalformedEventLog(Clock clock) {
        this.clock = clock;
    }

    public void refused(String origin, MalformedEventException e, byte[] raw) {
        long held;
        synchronized (this) {
            long now = clock.millis();
            if (now - lastLineMillis < INTERVAL_MILLIS) {
                suppressed++;
                return;
            }
            lastLineMillis = now;
            held = suppressed;
            suppressed = 0;
        }
        log.warn("malformed event refused ({}) from {}: {}; input: \"{}\"{}", e.reason().label(), origin,
                e.getMessage(), preview(raw), held == 0 ? "" : " (" + held + " more refused since the last line)");
    }

    /** The first {@value #PREVIEW_CHARS} characters, control characters, quotes and backslashes escaped. */
    public static String preview(byte[] raw) {
        // 4 bytes per character at most: no need to decode a megabyte to show 200 characters
        int len = Math.min(raw.length, PREVIEW_CHARS * 4);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        String text;
        try {
            text = utf8.decode(ByteBuffer.wrap(raw, 0, len)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            text = "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), PREVIEW_CHARS) + 16);
        int shown = 0;
        for (int i = 0; i < text.length() && shown < PREVIEW_CHARS; i++, shown++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (shown < text.length() || len < raw.length) {
            out.append("...");
        }
        return out.toString();
    }
}
