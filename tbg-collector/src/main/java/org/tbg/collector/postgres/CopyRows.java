package org.tbg.collector.postgres;

import java.util.Arrays;
import java.util.UUID;

/**
 * Rows in PostgreSQL's COPY text format, UTF-8, built in one growable buffer: fields separated by
 * tabs, rows ended by newlines, {@code \N} for null, and backslash, tab, newline and carriage
 * return escaped inside values. U+0000 cannot be stored in text at all and becomes U+FFFD (the
 * events are cleaned before, this is the last guard); a lone surrogate becomes U+FFFD likewise.
 * Reused batch after batch; not thread-safe.
 */
public final class CopyRows {
    private static final byte[] NULL = {'\\', 'N'};
    private static final byte[] TRUE = {'t'};
    private static final byte[] FALSE = {'f'};

    private byte[] buf;
    private int length;
    private boolean rowStarted;
    private int rows;

    public CopyRows(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    public void clear() {
        length = 0;
        rows = 0;
        rowStarted = false;
    }

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return length;
    }

    public int rows() {
        return rows;
    }

    public CopyRows text(String s) {
        separate();
        if (s == null) {
            put(NULL);
            return this;
        }
        ensure(s.length() * 3 + 2);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                switch (c) {
                    case '\\' -> { buf[length++] = '\\'; buf[length++] = '\\'; }
                    case '\t' -> { buf[length++] = '\\'; buf[length++] = 't'; }
                    case '\n' -> { buf[length++] = '\\'; buf[length++] = 'n'; }
                    case '\r' -> { buf[length++] = '\\'; buf[length++] = 'r'; }
                    case 0 -> replacement();
                    default -> buf[length++] = (byte) c;
                }
            } else if (c < 0x800) {
                buf[length++] = (byte) (0xc0 | (c >> 6));
                buf[length++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                buf[length++] = (byte) (0xf0 | (cp >> 18));
                buf[length++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                buf[length++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                buf[length++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                replacement();
            } else {
                buf[length++] = (byte) (0xe0 | (c >> 12));
                buf[length++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                buf[length++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return this;
    }

    public CopyRows number(long n) {
        separate();
        ascii(Long.toString(n));
        return this;
    }

    /** Doubles as Java prints them ({@code 1.0E10}, {@code NaN}, {@code Infinity}): float8 input reads all of them. */
    public CopyRows number(double d) {
        separate();
        ascii(Double.toString(d));
        return this;
    }

    /** A JSON number (Integer, Long or Double) as float8, anything else as null. */
    public CopyRows numberOrNull(Object value) {
        return value instanceof Number n ? number(n.doubleValue()) : nullValue();
    }

    public CopyRows bool(boolean b) {
        separate();
        put(b ? TRUE : FALSE);
        return this;
    }

    public CopyRows uuid(UUID id) {
        separate();
        ascii(id.toString());
        return this;
    }

    public CopyRows nullValue() {
        separate();
        put(NULL);
        return this;
    }

    public void endRow() {
        ensure(1);
        buf[length++] = '\n';
        rowStarted = false;
        rows++;
    }

    private void separate() {
        if (rowStarted) {
            ensure(1);
            buf[length++] = '\t';
        }
        rowStarted = true;
    }

    private void replacement() {
        buf[length++] = (byte) 0xef;
        buf[length++] = (byte) 0xbf;
        buf[length++] = (byte) 0xbd;
    }

    /** Text known to be ASCII without characters COPY would need escaped (numbers, UUIDs). */
    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[length++] = (byte) s.charAt(i);
        }
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
        }
    }
}
