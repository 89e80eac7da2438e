package org.tbg.pool.it;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The malformed and hostile input of the abuse list (seeds, issue 6), as the bytes a test writes
 * to a connection. Each request that has an id uses the one named here, so a test can check it is
 * echoed.
 */
final class HostileRequests {
    private HostileRequests() {}

    /** {@code n} random bytes (seeded, so a failure can be replayed) with no '\n' among them, then one. */
    static byte[] randomLine(long seed, int n) {
        byte[] b = new byte[n + 1];
        new Random(seed).nextBytes(b);
        for (int i = 0; i < n; i++) {
            if (b[i] == '\n') {
                b[i] = 'x';
            }
        }
        b[n] = '\n';
        return b;
    }

    /** A {@code mining.subscribe} (id 3) whose user agent is {@code bytes} long: far over any line limit. */
    static String subscribeWithParameterOf(int bytes) {
        return "{\"id\":3,\"method\":\"mining.subscribe\",\"params\":[\"" + "A".repeat(bytes) + "\"]}";
    }

    /** A request (id 4) whose method is the given JSON value: {@code null}, {@code 42}, {@code {"a":1}} … */
    static String methodOf(String jsonValue) {
        return "{\"id\":4,\"method\":" + jsonValue + ",\"params\":[]}";
    }

    /** A {@code mining.subscribe} (id 5) whose params nest {@code depth} arrays deep. */
    static String nestedParams(int depth) {
        return "{\"id\":5,\"method\":\"mining.subscribe\",\"params\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    /** A {@code mining.subscribe} (id 6) with raw NUL bytes inside its user agent string. */
    static byte[] nulBytesInAString() {
        String line = "{\"id\":6,\"method\":\"mining.subscribe\",\"params\":[\"agent\0\0name\"]}\n";
        return line.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The start of a request, no newline: what a client sends before it drops. */
    static final String PARTIAL = "{\"id\":7,\"method\":\"mining.subscr";

    /** A username that is an SQL injection and nothing else. */
    static final String SQL_INJECTION = "'; DROP TABLE miners; --";

    /** An SQL injection in the worker label of a valid address. */
    static String sqlInjectionWorker(String address) {
        return address + ".rig'); DELETE FROM shares WHERE ('1'='1";
    }

    /** Emoji and a zero-width space in the worker label of a valid address. */
    static String emojiWorker(String address) {
        return address + ".rig\uD83D\uDE80\u200B\u2764";
    }

    /** A valid address with a zero-width space in its middle: no longer an address. */
    static String zeroWidthInAddress(String address) {
        return address.substring(0, 10) + "\u200B" + address.substring(10) + ".rig";
    }
}
