package org.tbg.bitcoin.encoding;

import java.util.Arrays;
import java.util.Locale;

/**
 * Bech32 (BIP173) and bech32m (BIP350) strings: {@code hrp ‖ '1' ‖ data ‖ 6-char checksum}, where
 * the two encodings differ only in the checksum constant. Works on 5-bit values; segwit address
 * rules live in {@code SegwitAddress}.
 */
public final class Bech32 {
    public enum Encoding {
        BECH32(1),
        BECH32M(0x2bc830a3);

        private final int constant;

        Encoding(int constant) {
            this.constant = constant;
        }
    }

    /** A checksum-valid string split into parts; {@code hrp} is lower case, {@code data5bit} excludes the checksum. */
    public record Decoded(Encoding encoding, String hrp, byte[] data5bit) {
        public Decoded {
            data5bit = data5bit.clone();
        }

        @Override
        public byte[] data5bit() {
            return data5bit.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Decoded d && d.encoding == encoding && d.hrp.equals(hrp)
                    && Arrays.equals(d.data5bit, data5bit);
        }

        @Override
        public int hashCode() {
            return (encoding.hashCode() * 31 + hrp.hashCode()) * 31 + Arrays.hashCode(data5bit);
        }

        @Override
        public String toString() {
            return "Decoded[" + encoding + ", " + hrp + ", " + Hex.encode(data5bit) + "]";
        }
    }

    /** BIP173's limit on the whole string. */
    public static final int MAX_LENGTH = 90;

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] CHARSET_REV = new int[128];
    private static final int CHECKSUM_LENGTH = 6;

    static {
        Arrays.fill(CHARSET_REV, -1);
        for (int i = 0; i < CHARSET.length(); i++) {
            CHARSET_REV[CHARSET.charAt(i)] = i;
            CHARSET_REV[Character.toUpperCase(CHARSET.charAt(i))] = i;
        }
    }

    private Bech32() {}

    /** Encodes in lower case. @throws IllegalArgumentException on a bad hrp, a value above 31 or a result over 90 chars */
    public static String encode(Encoding encoding, String hrp, byte[] data5bit) {
        checkHrp(hrp);
        String lowerHrp = hrp.toLowerCase(Locale.ROOT);
        int length = lowerHrp.length() + 1 + data5bit.length + CHECKSUM_LENGTH;
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("bech32 string too long: " + length + " > " + MAX_LENGTH);
        }
        for (byte b : data5bit) {
            if ((b & 0xff) > 31) {
                throw new IllegalArgumentException("data value out of 5-bit range: " + (b & 0xff));
            }
        }
        int checksum = polymod(lowerHrp, data5bit, true) ^ encoding.constant;
        StringBuilder sb = new StringBuilder(length).append(lowerHrp).append('1');
        for (byte b : data5bit) {
            sb.append(CHARSET.charAt(b));
        }
        for (int i = 0; i < CHECKSUM_LENGTH; i++) {
            sb.append(CHARSET.charAt((checksum >>> (5 * (CHECKSUM_LENGTH - 1 - i))) & 31));
        }
        return sb.toString();
    }

    /**
     * Decodes a bech32 or bech32m string, whichever checksum it carries.
     *
     * @throws IllegalArgumentException with the reason: too long, mixed case, character out of range,
     *     no separator, empty hrp, too short checksum, invalid data character, bad checksum
     */
    public static Decoded decode(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("too long: " + text.length() + " > " + MAX_LENGTH + " characters");
        }
        boolean lower = false;
        boolean upper = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("character out of range at " + i);
            }
            lower |= c >= 'a' && c <= 'z';
            upper |= c >= 'A' && c <= 'Z';
        }
        if (lower && upper) {
            throw new IllegalArgumentException("mixed case");
        }
        int separator = text.lastIndexOf('1');
        if (separator < 0) {
            throw new IllegalArgumentException("no separator '1'");
        }
        if (separator == 0) {
            throw new IllegalArgumentException("empty hrp");
        }
        if (text.length() - separator - 1 < CHECKSUM_LENGTH) {
            throw new IllegalArgumentException("checksum too short");
        }
        String hrp = text.substring(0, separator).toLowerCase(Locale.ROOT);
        byte[] values = new byte[text.length() - separator - 1];
        for (int i = 0; i < values.length; i++) {
            char c = text.charAt(separator + 1 + i);
            int v = c < 128 ? CHARSET_REV[c] : -1;
            if (v < 0) {
                throw new IllegalArgumentException("invalid data character '" + c + "' at " + (separator + 1 + i));
            }
            values[i] = (byte) v;
        }
        int residue = polymod(hrp, values, false);
        Encoding encoding;
        if (residue == Encoding.BECH32.constant) {
            encoding = Encoding.BECH32;
        } else if (residue == Encoding.BECH32M.constant) {
            encoding = Encoding.BECH32M;
        } else {
            throw new IllegalArgumentException("bad checksum");
        }
        return new Decoded(encoding, hrp, Arrays.copyOf(values, values.length - CHECKSUM_LENGTH));
    }

    /**
     * Regroups bits, e.g. 8→5 to encode a witness program and 5→8 to decode it. With {@code pad},
     * a partial last group is zero-padded; without it, leftover bits must be fewer than
     * {@code from} and all zero.
     *
     * @throws IllegalArgumentException when an input value does not fit in {@code from} bits or the padding is invalid
     */
    public static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
        if (from < 1 || from > 8 || to < 1 || to > 8) {
            throw new IllegalArgumentException("bit group sizes must be 1..8");
        }
        int acc = 0;
        int bits = 0;
        int maxOut = (1 << to) - 1;
        byte[] out = new byte[(in.length * from + to - 1) / to];
        int n = 0;
        for (byte b : in) {
            int value = b & 0xff;
            if (value >>> from != 0) {
                throw new IllegalArgumentException("value " + value + " does not fit in " + from + " bits");
            }
            acc = ((acc << from) | value) & 0xffff;
            bits += from;
            while (bits >= to) {
                bits -= to;
                out[n++] = (byte) ((acc >>> bits) & maxOut);
            }
        }
        if (pad) {
            if (bits > 0) {
                out[n++] = (byte) ((acc << (to - bits)) & maxOut);
            }
        } else if (bits >= from) {
            throw new IllegalArgumentException("invalid padding: " + bits + " leftover bits");
        } else if (((acc << (to - bits)) & maxOut) != 0) {
            throw new IllegalArgumentException("invalid padding: non-zero leftover bits");
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static void checkHrp(String hrp) {
        if (hrp.isEmpty() || hrp.length() > 83) {
            throw new IllegalArgumentException("hrp must be 1..83 characters");
        }
        for (int i = 0; i < hrp.length(); i++) {
            char c = hrp.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("hrp character out of range at " + i);
            }
        }
    }

    /** The BCH checksum polynomial over the expanded hrp and the values; with checksum slots appended when encoding. */
    private static int polymod(String hrp, byte[] values, boolean appendZeros) {
        int chk = 1;
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) >>> 5);
        }
        chk = step(chk, 0);
        for (int i = 0; i < hrp.length(); i++) {
            chk = step(chk, hrp.charAt(i) & 31);
        }
        for (byte v : values) {
            chk = step(chk, v);
        }
        if (appendZeros) {
            for (int i = 0; i < CHECKSUM_LENGTH; i++) {
                chk = step(chk, 0);
            }
        }
        return chk;
    }

    private static int step(int chk, int value) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ value;
        if ((top & 1) != 0) chk ^= 0x3b6a57b2;
        if ((top & 2) != 0) chk ^= 0x26508e6d;
        if ((top & 4) != 0) chk ^= 0x1ea119fa;
        if ((top & 8) != 0) chk ^= 0x3d4233dd;
        if ((top & 16) != 0) chk ^= 0x2a1462b3;
        return chk;
    }
}
