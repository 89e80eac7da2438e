package org.tbg.app.loadtest;

import org.tbg.bitcoin.encoding.Hex;

/**
 * What {@code mining.subscribe} gave one connection: its extranonce1 and the extranonce2 size.
 *
 * @param extranonce1Hex as the pool sent it; also the session id a reconnect asks to resume
 */
record Subscription(String extranonce1Hex, int extranonce2Size) {
    /** ckpool's bounds are 2-8; 16 leaves room for other pools without allowing nonsense. */
    static final int MAX_EXTRANONCE_BYTES = 16;

    Subscription {
        if (extranonce1Hex.length() % 2 != 0 || !Hex.isHex(extranonce1Hex, extranonce1Hex.length() / 2)
                || extranonce1Hex.length() / 2 > MAX_EXTRANONCE_BYTES) {
            throw new IllegalArgumentException("extranonce1 is not hex of at most " + MAX_EXTRANONCE_BYTES + " bytes");
        }
        if (extranonce2Size < 1 || extranonce2Size > MAX_EXTRANONCE_BYTES) {
            throw new IllegalArgumentException("extranonce2 size " + extranonce2Size + " is not 1-" + MAX_EXTRANONCE_BYTES);
        }
    }

    byte[] extranonce1() {
        return Hex.decode(extranonce1Hex);
    }
}
