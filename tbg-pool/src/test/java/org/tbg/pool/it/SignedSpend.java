package org.tbg.pool.it;

import org.bitcoinj.core.Coin;
import org.bitcoinj.core.ECKey;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.params.RegTestParams;
import org.bitcoinj.script.Script;
import org.tbg.bitcoin.encoding.Hex;

/**
 * A transaction a test signed with bitcoinj, spending one output it holds the key of, and the fee
 * it pays (computed from the test's own amounts, not asked of any node).
 *
 * @param tx  signed; P2WPKH spends carry a witness, P2PKH spends a scriptSig
 * @param fee satoshis: spent value minus the outputs
 */
public record SignedSpend(Transaction tx, long fee) {

    /**
     * Pays {@code amount} to {@code to} and the rest minus {@code fee} back to the spent output's
     * own script (so that a later transaction can spend the change unconfirmed).
     */
    public static SignedSpend pay(TransactionOutput spent, ECKey owner, byte[] to, long amount, long fee) {
        long value = spent.getValue().value;
        long change = value - amount - fee;
        if (amount <= 0 || change <= 0) {
            throw new IllegalArgumentException("amount " + amount + " and fee " + fee + " do not fit in " + value);
        }
        Transaction tx = new Transaction(RegTestParams.get());
        // Outputs first: the signature commits to them.
        tx.addOutput(Coin.valueOf(amount), new Script(to));
        tx.addOutput(Coin.valueOf(change), spent.getScriptPubKey());
        tx.addSignedInput(spent, owner);
        return new SignedSpend(tx, fee);
    }

    /** Display-order txid, as RPC shows it. */
    public String txid() {
        return tx.getTxId().toString();
    }

    public String hex() {
        return Hex.encode(tx.bitcoinSerialize());
    }
}
