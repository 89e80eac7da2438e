package org.tbg.devnet.mining;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tbg.bitcoin.block.BlockAssembler;
import org.tbg.bitcoin.block.BlockHeader;
import org.tbg.bitcoin.coinbase.CoinbaseBuilder;
import org.tbg.bitcoin.coinbase.CoinbaseParts;
import org.tbg.bitcoin.encoding.ByteWriter;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.tx.TxOut;
import org.tbg.devnet.chain.Block;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.chain.SubmitOutcome;
import org.tbg.devnet.mempool.MempoolEntry;

/**
 * Mines blocks on the calling thread, as Core's {@code generatetoaddress} does: a template with the
 * mempool's transactions, a coinbase paying the given script, nonces tried until the devnet's
 * target is met. Meant for easy bits; at a hard setting it takes as long as a CPU takes.
 */
public final class BlockGenerator {
    private static final byte[] TAG = "/tbg-devnet/".getBytes(StandardCharsets.US_ASCII);
    /** Extranonce: 4 fixed zero bytes, then a counter bumped whenever a header's nonce space runs out. */
    private static final int EXTRANONCE1_LENGTH = 4;
    private static final int EXTRANONCE2_LENGTH = 8;
    /** A block that loses a race with a submitblock is rebuilt on the new tip this many times. */
    private static final int MAX_RACE_RETRIES = 10;

    private final Chain chain;
    private final TemplateBuilder templates;

    public BlockGenerator(Chain chain, TemplateBuilder templates) {
        this.chain = chain;
        this.templates = templates;
    }

    /**
     * Mines up to {@code count} blocks paying {@code payoutScript}.
     *
     * @param maxTries hashes allowed over all blocks (Core's default is 1,000,000); fewer blocks
     *                 are returned when they run out
     * @return the new blocks' hashes, display hex, in order
     * @throws IllegalStateException when a mined block is not accepted (a bug, not a user error)
     */
    public List<String> generate(int count, byte[] payoutScript, long maxTries) {
        List<String> hashes = new ArrayList<>(Math.min(count, 1024));
        long triesLeft = maxTries;
        int races = 0;
        while (hashes.size() < count && triesLeft > 0) {
            Template template = templates.build();
            Mined mined = mine(template, payoutScript, triesLeft);
            triesLeft -= mined.tries;
            if (mined.block == null) {
                break;
            }
            SubmitOutcome outcome = chain.submit(mined.block);
            if (outcome.status() == SubmitOutcome.Status.ACCEPTED) {
                hashes.add(mined.block.hashHex());
            } else if (outcome.status() == SubmitOutcome.Status.SIDE_BRANCH && ++races <= MAX_RACE_RETRIES) {
                continue; // another block became the tip while this one was mined
            } else {
                throw new IllegalStateException("generated block " + mined.block.hashHex() + " not accepted: "
                        + outcome.status() + " " + outcome.rpcResult());
            }
        }
        return hashes;
    }

    private record Mined(Block block, long tries) {}

    private static Mined mine(Template template, byte[] payoutScript, long maxTries) {
        CoinbaseParts coinbase = new CoinbaseBuilder()
                .height(template.height())
                .tag(TAG)
                .extranonceLengths(EXTRANONCE1_LENGTH, EXTRANONCE2_LENGTH)
                .addOutput(new TxOut(template.coinbaseValue(), payoutScript))
                .witnessCommitment(commitmentOf(template))
                .build();
        List<byte[]> txids = new ArrayList<>(template.transactions().size() + 1);
        txids.add(null); // the coinbase's slot
        List<byte[]> data = new ArrayList<>(template.transactions().size());
        for (MempoolEntry e : template.transactions()) {
            txids.add(e.txid());
            data.add(e.data());
        }
        byte[] extranonce1 = new byte[EXTRANONCE1_LENGTH];
        long tries = 0;
        for (long counter = 0; tries < maxTries; counter++) {
            byte[] extranonce2 = new ByteWriter(EXTRANONCE2_LENGTH).writeInt64LE(counter).toByteArray();
            txids.set(0, coinbase.txid(extranonce1, extranonce2));
            BlockHeader header = new BlockHeader(template.version(), template.parent().hash(), Merkle.root(txids),
                    (int) template.curTime(), template.bits(), 0);
            long budget = maxTries - tries;
            BlockHeader solved = HeaderGrinder.grind(header, template.target(), budget);
            if (solved != null) {
                tries += Integer.toUnsignedLong(solved.nonce()) + 1;
                byte[] bytes = BlockAssembler.assemble(solved.serialize(),
                        coinbase.assembleWithWitness(extranonce1, extranonce2), data);
                return new Mined(Block.parse(bytes), tries);
            }
            tries += Math.min(budget, 1L << 32);
        }
        return new Mined(null, tries);
    }

    /** The 32 committed bytes from the template's commitment script (6 bytes of prefix precede them). */
    private static byte[] commitmentOf(Template template) {
        byte[] script = template.witnessCommitmentScript();
        return Arrays.copyOfRange(script, script.length - 32, script.length);
    }
}
