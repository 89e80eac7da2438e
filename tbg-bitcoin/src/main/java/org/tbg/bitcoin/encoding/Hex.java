package org.tbg.bitcoin.encoding;

/** Lower-case hexadecimal, strict on input (even length, 0-9a-fA-F only). */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {}

    public static String encode(byte[] bytes) {
        return encode(bytes, 0, bytes.length);
    }

    public static String encode(byte[] bytes, int off, int len) {
        char[] out = new char[len * 2];
        for (int i = 0; i < len; i++) {
            int b = bytes[off + i] & 0xff;
            out[2 * i] = DIGITS[b >>> 4];
            out[2 * i + 1] = DIGITS[b & 0x0f];
        }
        return new String(out);
    }

    /** @throws IllegalArgumentException when the text is not an even-length hex string */
    public static byte[] decode(CharSequence hex) {
        int n = hex.length();
        if ((n & 1) != 0) {
            throw new IllegalArgumentException("odd-length hex string");
        }
        byte[] out = new byte[n / 2];
        if (!decodeInto(hex, out, 0)) {
            throw new IllegalArgumentException("not a hex string");
        }
        return out;
    }

    /**
     * Decodes {@code hex} into {@code out} at {@code off} without allocating.
     * Returns false (leaving {@code out} partly written) when a character is not a hex digit.
     * The caller checks the length: exactly {@code hex.length() / 2} bytes are written.
     */
    public static boolean decodeInto(CharSequence hex, byte[] out, int off) {
        int n = hex.length() / 2;
        for (int i = 0; i < n; i++) {
            int hi = digit(hex.charAt(2 * i));
            int lo = digit(hex.charAt(2 * i + 1));
            if ((hi | lo) < 0) {
                return false;
            }
            out[off + i] = (byte) ((hi << 4) | lo);
        }
        return true;
    }

    /** True when {@code hex} is exactly {@code bytes} bytes of hex. */
    public static boolean isHex(CharSequence hex, int bytes) {
        if (hex.length() != bytes * 2) {
            return false;
        }
        for (int i = 0; i < hex.length(); i++) {
            if (digit(hex.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int digit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
}
