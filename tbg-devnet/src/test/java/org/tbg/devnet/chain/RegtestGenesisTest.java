package org.tbg.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.bitcoinj.params.RegTestParams;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;

class RegtestGenesisTest {
    @Test
    void hasBitcoinCoresRegtestGenesisHash() {
        // Core's chainparams.cpp asserts this hash for regtest's genesis block.
        assertThat(RegtestGenesis.block().hashHex())
                .isEqualTo("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206")
                .isEqualTo(RegtestGenesis.HASH_HEX);
    }

    @Test
    void hasTheMainnetGenesisMerkleRoot() {
        // The genesis coinbase is the same on every network; its txid is the famous 4a5e1e4b…
        assertThat(Hex.encode(Bytes.reversed(RegtestGenesis.block().header().merkleRoot())))
                .isEqualTo("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
    }

    @Test
    void serializesByteForByteAsBitcoinjsRegtestGenesis() {
        byte[] bitcoinj = RegTestParams.get().getGenesisBlock().bitcoinSerialize();
        assertThat(Hex.encode(RegtestGenesis.block().serialize())).isEqualTo(Hex.encode(bitcoinj));
    }
}
