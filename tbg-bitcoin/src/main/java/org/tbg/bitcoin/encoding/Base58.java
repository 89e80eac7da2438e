package org.tbg.bitcoin.encoding;

import java.util.Arrays;
import org.tbg.bitcoin.hash.Sha256d;

/**
 * Base58 with Bitcoin's alphabet, and base58check (payload ‖ first four bytes of SHA-256d(payload)).
 * Leading zero bytes map to leading '1's. Input is strict: no whitespace, no other characters.
 */
public final class Base58 {
    private static final char[] ALPHABET =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] INDEXES = new int[128];

    static {
        Arrays.fill(INDEXES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            INDEXES[ALPHABET[i]] = i;
        }
    }

    private static final int CHECKSUM_LENGTH = 4;

    private Base58() {}

    public static String encode(byte[] input) {
        int zeros = 0;
        while (zeros < input.length && input[zeros] == 0) {
            zeros++;
        }
        // Base-256 to base-58 by repeated division of a big-endian number held in a scratch copy.
        byte[] number = Arrays.copyOfRange(input, zeros, input.length);
        char[] digits = new char[number.length * 2 + 1];
        int out = digits.length;
        int start = 0;
        while (start < number.length) {
            int remainder = 0;
            for (int i = start; i < number.length; i++) {
                int acc = (remainder << 8) | (number[i] & 0xff);
                number[i] = (byte) (acc / 58);
                remainder = acc % 58;
            }
            digits[--out] = ALPHABET[remainder];
            while (start < number.length && number[start] == 0) {
                start++;
            }
        }
        StringBuilder sb = new StringBuilder(zeros + digits.length - out);
        for (int i = 0; i < zeros; i++) {
            sb.append('1');
        }
        return sb.append(digits, out, digits.length - out).toString();
    }

    /** @throws IllegalArgumentException on a character outside the base58 alphabet */
    public static byte[] decode(String input) {
        int zeros = 0;
        while (zeros < input.length() && input.charAt(zeros) == '1') {
            zeros++;
        }
        // Base-58 to base-256: multiply-accumulate into a little-endian scratch buffer.
        byte[] acc = new byte[input.length()];
        int used = 0;
        for (int i = zeros; i < input.length(); i++) {
            char c = input.charAt(i);
            int digit = c < 128 ? INDEXES[c] : -1;
            if (digit < 0) {
                throw new IllegalArgumentException("invalid base58 character '" + printable(c) + "' at " + i);
            }
            int carry = digit;
            for (int j = 0; j < used; j++) {
                carry += (acc[j] & 0xff) * 58;
                acc[j] = (byte) carry;
                carry >>>= 8;
            }
            while (carry > 0) {
                acc[used++] = (byte) carry;
                carry >>>= 8;
            }
        }
        byte[] out = new byte[zeros + used];
        for (int j = 0; j < used; j++) {
            out[zeros + j] = acc[used - 1 - j];
        }
        return out;
    }

    public static String encodeChecked(byte[] payload) {
        byte[] withChecksum = Arrays.copyOf(payload, payload.length + CHECKSUM_LENGTH);
        System.arraycopy(Sha256d.of(payload), 0, withChecksum, payload.length, CHECKSUM_LENGTH);
        return encode(withChecksum);
    }

    /** @throws IllegalArgumentException on a bad character, a too-short input or a bad checksum */
    public static byte[] decodeChecked(String input) {
        byte[] raw = decode(input);
        if (raw.length < CHECKSUM_LENGTH) {
            throw new IllegalArgumentException("too short for base58check");
        }
        int n = raw.length - CHECKSUM_LENGTH;
        byte[] expected = Sha256d.of(raw, 0, n);
        for (int i = 0; i < CHECKSUM_LENGTH; i++) {
            if (raw[n + i] != expected[i]) {
                throw new IllegalArgumentException("bad checksum");
            }
        }
        return Arrays.copyOf(raw, n);
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }
}
