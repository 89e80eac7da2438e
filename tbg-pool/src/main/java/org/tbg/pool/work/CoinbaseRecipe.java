package org.tbg.pool.work;

import org.tbg.bitcoin.address.PayoutScript;
import org.tbg.bitcoin.coinbase.CoinbaseBuilder;
import org.tbg.bitcoin.tx.TxOut;

/**
 * The per-template facts every coinbase of a job shares; builds the coinbase for one payout.
 *
 * @param height            block height (BIP34)
 * @param coinbaseValue     subsidy + fees from the template, in satoshis
 * @param donationScript    the pool's own script ({@code btcaddress}), or null without a donation
 * @param donationSats      satoshis paid to {@code donationScript}
 * @param extranonce1Length bytes of extranonce1
 * @param extranonce2Length bytes of extranonce2
 * @param witnessCommitment the 32-byte witness commitment, or null when the template has none
 */
public record CoinbaseRecipe(long height, long coinbaseValue, PayoutScript donationScript, long donationSats,
                             int extranonce1Length, int extranonce2Length, byte[] witnessCommitment) {

    public CoinbaseWork build(PayoutKey key) {
        CoinbaseBuilder b = new CoinbaseBuilder()
                .height(height)
                .tag(key.tag())
                .extranonceLengths(extranonce1Length, extranonce2Length);
        if (donationScript != null && donationSats > 0) {
            b.addOutput(new TxOut(coinbaseValue - donationSats, key.payout().script()));
            b.addOutput(new TxOut(donationSats, donationScript.script()));
        } else {
            b.addOutput(new TxOut(coinbaseValue, key.payout().script()));
        }
        b.witnessCommitment(witnessCommitment);
        return new CoinbaseWork(b.build());
    }
}
