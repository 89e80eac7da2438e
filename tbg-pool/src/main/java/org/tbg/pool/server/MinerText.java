package org.tbg.pool.server;

/**
 * Free text a miner sends (user agent, worker label) goes into logs and events. Control
 * characters would let it forge log lines or break line-based consumers, so they are refused in
 * usernames and replaced in the user agent; other Unicode (emoji, zero-width characters) is kept
 * as sent, JSON-escaped where it is written out.
 */
final class MinerText {
    /** Longest user agent kept; real ones ("bitaxe/BM1366/v2.4.5", "cgminer/4.12.1") are far shorter. */
    static final int MAX_USER_AGENT = 128;

    private MinerText() {}

    /** True when {@code s} holds a C0/C1 control character or a Unicode line or paragraph separator. */
    static boolean hasControlCharacters(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** {@code s} with each control character replaced by {@code '?'}, cut to {@code max} chars; null stays null. */
    static String printable(String s, int max) {
        if (s == null) {
            return null;
        }
        String cut = s.length() > max ? s.substring(0, max) : s;
        if (!hasControlCharacters(cut)) {
            return cut;
        }
        StringBuilder b = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            b.append(isControl(c) ? '?' : c);
        }
        return b.toString();
    }

    private static boolean isControl(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
