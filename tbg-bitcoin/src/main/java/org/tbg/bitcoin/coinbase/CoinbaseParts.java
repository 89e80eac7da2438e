package org.tbg.bitcoin.coinbase;

import java.util.Arrays;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Sha256d;

/**
 * A coinbase split around its extranonce for stratum: the non-witness serialization is
 * {@code coinb1 ‖ extranonce1 ‖ extranonce2 ‖ coinb2}, which is what miners hash for the txid.
 * {@code segwit} marks a coinbase whose block carries a witness commitment, so the block must
 * include the coinbase's witness (one 32-byte zero item).
 */
public record CoinbaseParts(byte[] coinb1, byte[] coinb2, int extranonce1Length, int extranonce2Length,
                            boolean segwit) {
    /** Version (4) + input count (1) at the start of coinb1; lock time (4) at the end of coinb2. */
    private static final int VERSION_LENGTH = 4;
    private static final int LOCK_TIME_LENGTH = 4;
    /** Witness of the one input: one item of 32 bytes, the all-zero witness reserved value. */
    private static final byte[] COINBASE_WITNESS = witness();

    public CoinbaseParts {
        if (coinb1.length <= VERSION_LENGTH || coinb2.length < LOCK_TIME_LENGTH) {
            throw new IllegalArgumentException("coinb1/coinb2 too short to be a coinbase split");
        }
        if (extranonce1Length < 0 || extranonce2Length < 0) {
            throw new IllegalArgumentException("negative extranonce length");
        }
        coinb1 = coinb1.clone();
        coinb2 = coinb2.clone();
    }

    @Override
    public byte[] coinb1() {
        return coinb1.clone();
    }

    @Override
    public byte[] coinb2() {
        return coinb2.clone();
    }

    /** The non-witness coinbase bytes, from which the txid is computed. */
    public byte[] assemble(byte[] extranonce1, byte[] extranonce2) {
        checkExtranonces(extranonce1, extranonce2);
        byte[] out = new byte[coinb1.length + extranonce1.length + extranonce2.length + coinb2.length];
        int o = put(coinb1, out, 0);
        o = put(extranonce1, out, o);
        o = put(extranonce2, out, o);
        put(coinb2, out, o);
        return out;
    }

    /** The coinbase as the block carries it: BIP144 form with its witness when {@code segwit}, else {@link #assemble}. */
    public byte[] assembleWithWitness(byte[] extranonce1, byte[] extranonce2) {
        if (!segwit) {
            return assemble(extranonce1, extranonce2);
        }
        checkExtranonces(extranonce1, extranonce2);
        byte[] out = new byte[coinb1.length + 2 + extranonce1.length + extranonce2.length + coinb2.length
                + COINBASE_WITNESS.length];
        // version ‖ marker 00 flag 01 ‖ inputs…outputs ‖ witness ‖ lock time
        System.arraycopy(coinb1, 0, out, 0, VERSION_LENGTH);
        out[VERSION_LENGTH] = 0x00;
        out[VERSION_LENGTH + 1] = 0x01;
        int o = VERSION_LENGTH + 2;
        System.arraycopy(coinb1, VERSION_LENGTH, out, o, coinb1.length - VERSION_LENGTH);
        o += coinb1.length - VERSION_LENGTH;
        o = put(extranonce1, out, o);
        o = put(extranonce2, out, o);
        int body = coinb2.length - LOCK_TIME_LENGTH;
        System.arraycopy(coinb2, 0, out, o, body);
        o += body;
        o = put(COINBASE_WITNESS, out, o);
        System.arraycopy(coinb2, body, out, o, LOCK_TIME_LENGTH);
        return out;
    }

    /** The coinbase txid (internal byte order) for these extranonces. */
    public byte[] txid(byte[] extranonce1, byte[] extranonce2) {
        return Sha256d.of(assemble(extranonce1, extranonce2));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CoinbaseParts p && p.extranonce1Length == extranonce1Length
                && p.extranonce2Length == extranonce2Length && p.segwit == segwit
                && Arrays.equals(p.coinb1, coinb1) && Arrays.equals(p.coinb2, coinb2);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(coinb1) * 31 + Arrays.hashCode(coinb2);
    }

    @Override
    public String toString() {
        return "CoinbaseParts[coinb1=" + Hex.encode(coinb1) + ", coinb2=" + Hex.encode(coinb2)
                + ", extranonce=" + extranonce1Length + "+" + extranonce2Length + ", segwit=" + segwit + "]";
    }

    private void checkExtranonces(byte[] extranonce1, byte[] extranonce2) {
        if (extranonce1.length != extranonce1Length || extranonce2.length != extranonce2Length) {
            throw new IllegalArgumentException("extranonce lengths " + extranonce1.length + "+" + extranonce2.length
                    + " do not match " + extranonce1Length + "+" + extranonce2Length);
        }
    }

    private static int put(byte[] src, byte[] dst, int off) {
        System.arraycopy(src, 0, dst, off, src.length);
        return off + src.length;
    }

    private static byte[] witness() {
        byte[] w = new byte[2 + 32];
        w[0] = 1;   // one stack item
        w[1] = 32;  // of 32 bytes, all zero
        return w;
    }
}
