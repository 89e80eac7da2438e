package org.tbg.pool.work;

import org.tbg.bitcoin.coinbase.CoinbaseParts;
import org.tbg.bitcoin.encoding.Hex;

/**
 * One job's coinbase for one payout, with the forms the share path and stratum need, made once.
 * The arrays are never modified after construction.
 */
public final class CoinbaseWork {
    private final CoinbaseParts parts;
    private final byte[] coinb1;
    private final byte[] coinb2;
    private final String coinb1Hex;
    private final String coinb2Hex;

    public CoinbaseWork(CoinbaseParts parts) {
        this.parts = parts;
        this.coinb1 = parts.coinb1();
        this.coinb2 = parts.coinb2();
        this.coinb1Hex = Hex.encode(coinb1);
        this.coinb2Hex = Hex.encode(coinb2);
    }

    public CoinbaseParts parts() { return parts; }

    public String coinb1Hex() { return coinb1Hex; }
    public String coinb2Hex() { return coinb2Hex; }

    /**
     * Writes {@code coinb1 ‖ extranonce1 ‖ extranonce2 ‖ coinb2} into {@code out} (which must be
     * large enough, see {@link #length}), decoding extranonce2 from checked hex; returns the length.
     */
    public int writeTo(byte[] out, byte[] extranonce1, CharSequence extranonce2Hex) {
        int o = 0;
        System.arraycopy(coinb1, 0, out, o, coinb1.length);
        o += coinb1.length;
        System.arraycopy(extranonce1, 0, out, o, extranonce1.length);
        o += extranonce1.length;
        Hex.decodeInto(extranonce2Hex, out, o);
        o += extranonce2Hex.length() / 2;
        System.arraycopy(coinb2, 0, out, o, coinb2.length);
        return o + coinb2.length;
    }

    public int length(int extranonce1Length, int extranonce2Length) {
        return coinb1.length + extranonce1Length + extranonce2Length + coinb2.length;
    }
}
