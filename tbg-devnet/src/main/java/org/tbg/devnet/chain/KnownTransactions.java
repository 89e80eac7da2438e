package org.tbg.devnet.chain;

import java.util.OptionalLong;

/**
 * The unconfirmed transactions a block may spend. The devnet has no UTXO set: its mempool holds
 * synthetic transactions whose inputs it vouches for, and a block may include exactly those.
 * Implementations are called with the chain's lock held and must not call back into the chain.
 */
public interface KnownTransactions {
    /** @param txid internal byte order; @return its fee in satoshis, or empty when the transaction is unknown */
    OptionalLong feeOf(byte[] txid);

    /** No transactions at all: only coinbase-only blocks connect. */
    KnownTransactions NONE = txid -> OptionalLong.empty();
}
