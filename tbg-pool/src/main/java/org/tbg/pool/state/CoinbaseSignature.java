package org.tbg.pool.state;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The rule for a miner's own coinbase text (spec/stratum.md, "Work and coinbase"): at most
 * {@value #MAX_BYTES} bytes of UTF-8, every character from {@code [A-Za-z0-9 _\-.:!#/]}.
 * The text is written by the game API, so the pool checks it where it comes in; the empty text
 * is allowed and means "no signature".
 */
public final class CoinbaseSignature {
    /** Longest signature in bytes; the scriptSig has room for the pool tag and extranonces besides. */
    public static final int MAX_BYTES = 20;

    private CoinbaseSignature() {}

    /** Why {@code text} cannot go into a coinbase, or empty when it can. */
    public static Optional<String> problem(String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return Optional.of("longer than " + MAX_BYTES + " bytes (" + bytes + " bytes of UTF-8)");
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (!allowed(c)) {
                // The code point, never the raw character: the text is user input and may be a control character.
                return Optional.of(String.format("character U+%04X at position %d is not allowed"
                        + " (allowed: A-Z a-z 0-9 space _ - . : ! # /)", c, i));
            }
            i += Character.charCount(c);
        }
        return Optional.empty();
    }

    public static boolean isValid(String text) {
        return problem(text).isEmpty();
    }

    private static boolean allowed(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == ' ' || c == '_' || c == '-' || c == '.' || c == ':' || c == '!' || c == '#' || c == '/';
    }
}
