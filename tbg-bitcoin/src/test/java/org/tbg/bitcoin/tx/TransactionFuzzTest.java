package org.tbg.bitcoin.tx;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.bitcoinj.core.Context;
import org.bitcoinj.core.ProtocolException;
import org.bitcoinj.params.MainNetParams;
import org.junit.jupiter.api.Tag;

/**
 * Untrusted bytes as a transaction (the devnet reads submitted blocks with this parser): either a
 * transaction whose serialization is exactly those bytes, with the ids bitcoinj computes, or
 * IllegalArgumentException with a reason. Seeds: real mainnet/testnet transactions and broken ones.
 */
@Tag("fuzz")
class TransactionFuzzTest {
    static {
        Context.propagate(new Context(MainNetParams.get()));
    }

    @FuzzTest(maxDuration = "5s")
    void parsesToATransactionThatSerializesBackOrGivesAReason(byte[] input) {
        Transaction tx;
        try {
            tx = Transaction.parse(input);
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        // Every field is read canonically (CompactSize included), so there is one encoding per transaction.
        assertThat(tx.serialize()).isEqualTo(input);

        org.bitcoinj.core.Transaction theirs;
        try {
            theirs = new org.bitcoinj.core.Transaction(MainNetParams.get(), input);
        } catch (ProtocolException e) {
            throw new AssertionError("we parse what bitcoinj refuses: " + e.getMessage(), e);
        }
        assertThat(theirs.getTxId().getReversedBytes()).isEqualTo(tx.txid());
        assertThat(theirs.getWTxId().getReversedBytes()).isEqualTo(tx.wtxid());
    }
}
