package org.tbg.pool.work;

import java.util.Arrays;
import org.tbg.bitcoin.address.PayoutScript;

/**
 * What makes one connection's coinbase differ from another's within a job: the script the block
 * pays and the text in the scriptSig (pool tag plus the miner's own signature, if any).
 */
public record PayoutKey(PayoutScript payout, byte[] tag) {

    @Override
    public boolean equals(Object o) {
        return o instanceof PayoutKey k && k.payout.equals(payout) && Arrays.equals(k.tag, tag);
    }

    @Override
    public int hashCode() {
        return 31 * payout.hashCode() + Arrays.hashCode(tag);
    }

    @Override
    public String toString() {
        return payout.type().label() + ":" + org.tbg.bitcoin.encoding.Hex.encode(payout.script());
    }
}
