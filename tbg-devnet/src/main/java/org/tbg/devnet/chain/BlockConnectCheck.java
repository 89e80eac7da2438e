package org.tbg.devnet.chain;

import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxOut;

/**
 * What Core checks when a block becomes the tip ({@code ConnectBlock}), as far as a chain without
 * a UTXO set can: each non-coinbase transaction must be a known unconfirmed one, spent once, and
 * the coinbase may claim at most the subsidy plus their fees. Scripts are not run: the synthetic
 * transactions carry placeholder signatures the devnet vouches for.
 */
public final class BlockConnectCheck {
    private BlockConnectCheck() {}

    /** The fees a connectable block's transactions pay, or the reason it does not connect. */
    public record Result(long fees, BlockRejection rejection) {}

    public static Result check(Block block, int height, KnownTransactions known) {
        List<Transaction> txs = block.transactions();
        List<byte[]> txids = block.txids();
        Set<String> seen = new HashSet<>();
        long fees = 0;
        for (int i = 1; i < txs.size(); i++) {
            String txid = Hex.encode(Bytes.reversed(txids.get(i)));
            OptionalLong fee = known.feeOf(txids.get(i));
            if (fee.isEmpty() || !seen.add(txid)) {
                return new Result(0, BlockRejection.markingInvalid("bad-txns-inputs-missingorspent",
                        "CheckTxInputs: inputs missing/spent (tx " + txid + ")"));
            }
            fees += fee.getAsLong();
        }
        long claimed = 0;
        for (TxOut out : txs.get(0).outputs()) {
            claimed += out.value();
        }
        long allowed = Subsidy.at(height) + fees;
        if (claimed > allowed) {
            return new Result(0, BlockRejection.markingInvalid("bad-cb-amount",
                    "coinbase pays too much (actual=" + claimed + " vs limit=" + allowed + ")"));
        }
        return new Result(fees, null);
    }
}
