package org.tbg.stratum.codec;

/**
 * Well-formed UTF-8 (RFC 3629, the Unicode standard's table 3-7): no overlong forms, no surrogates,
 * nothing above U+10FFFF, no truncated sequence. Jackson's byte parser is more tolerant: it decodes
 * some overlong forms (C0 AE as '.') and switches to UTF-16/32 when it sees zero bytes or such a
 * byte-order mark, so the decoder checks accepted lines with this. Stateless.
 */
final class Utf8 {
    private Utf8() {}

    /** True when {@code buf[off, off+len)} is well-formed UTF-8 without NUL (never valid raw in JSON text). */
    static boolean isWellFormedWithoutNul(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            int c = buf[i] & 0xff;
            if (c >= 0x01 && c <= 0x7f) {
                i++;
                continue;
            }
            int continuations;
            int secondMin = 0x80;
            int secondMax = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) {
                continuations = 1;
            } else if (c == 0xe0) {
                continuations = 2;
                secondMin = 0xa0; // below: overlong
            } else if (c == 0xed) {
                continuations = 2;
                secondMax = 0x9f; // above: a surrogate
            } else if (c >= 0xe1 && c <= 0xef) {
                continuations = 2;
            } else if (c == 0xf0) {
                continuations = 3;
                secondMin = 0x90; // below: overlong
            } else if (c >= 0xf1 && c <= 0xf3) {
                continuations = 3;
            } else if (c == 0xf4) {
                continuations = 3;
                secondMax = 0x8f; // above: past U+10FFFF
            } else {
                return false; // NUL, a stray continuation byte, C0/C1 (overlong) or F5..FF
            }
            if (end - i <= continuations) {
                return false;
            }
            int second = buf[i + 1] & 0xff;
            if (second < secondMin || second > secondMax) {
                return false;
            }
            for (int k = 2; k <= continuations; k++) {
                int b = buf[i + k] & 0xff;
                if (b < 0x80 || b > 0xbf) {
                    return false;
                }
            }
            i += continuations + 1;
        }
        return true;
    }
}
