package org.tbg.devnet.chain;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tbg.bitcoin.block.BlockHeader;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.script.ScriptNumber;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxIn;
import org.tbg.bitcoin.tx.TxOut;

/**
 * Bitcoin Core's regtest genesis block, built from its published fields (Core's
 * {@code CreateGenesisBlock(1296688602, 2, 0x207fffff, 1, 50 * COIN)}): the mainnet genesis
 * coinbase under regtest's time, nonce and bits.
 */
public final class RegtestGenesis {
    /** Display order, as {@code getblockhash 0} answers on regtest. */
    public static final String HASH_HEX = "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206";

    private static final int VERSION = 1;
    private static final int TIME = 1296688602;
    private static final int NONCE = 2;
    /** The scriptSig starts with the number 486604799 (0x1d00ffff) and CScriptNum(4), pushed as data. */
    private static final long SCRIPT_SIG_NUMBER = 486604799L;
    private static final long SCRIPT_SIG_SMALL_NUMBER = 4;
    private static final String TIMESTAMP = "The Times 03/Jan/2009 Chancellor on brink of second bailout for banks";
    private static final String OUTPUT_PUBKEY = "04678afdb0fe5548271967f1a67130b7105cd6a828e03909a67962e0ea1f61deb6"
            + "49f6bc3f4cef38c4f35504e51ec112de5c384df7ba0b8d578a4c702b6bf11d5f";
    private static final int OP_CHECKSIG = 0xac;
    private static final long REWARD = 50L * 100_000_000L;

    private RegtestGenesis() {}

    public static Block block() {
        byte[] scriptSig = Bytes.concat(
                ScriptNumber.pushData(ScriptNumber.encode(SCRIPT_SIG_NUMBER)),
                ScriptNumber.pushData(ScriptNumber.encode(SCRIPT_SIG_SMALL_NUMBER)),
                ScriptNumber.pushData(TIMESTAMP.getBytes(StandardCharsets.US_ASCII)));
        byte[] outputScript = Bytes.concat(ScriptNumber.pushData(Hex.decode(OUTPUT_PUBKEY)), new byte[] {(byte) OP_CHECKSIG});
        Transaction coinbase = new Transaction(1,
                List.of(new TxIn(new byte[32], 0xffffffff, scriptSig, 0xffffffff, List.of())),
                List.of(new TxOut(REWARD, outputScript)),
                0);
        byte[] merkleRoot = Merkle.root(List.of(coinbase.txid()));
        BlockHeader header = new BlockHeader(VERSION, new byte[32], merkleRoot, TIME, ConsensusLimits.REGTEST_BITS, NONCE);
        return Block.of(header, List.of(coinbase));
    }
}
