package org.tbg.pool.work;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tbg.bitcoin.block.WitnessCommitment;
import org.tbg.bitcoin.rpc.BlockTemplate;
import org.tbg.bitcoin.rpc.TemplateTransaction;
import org.tbg.bitcoin.target.Target;

/** Synthetic templates for engine unit tests (the integration tests use a real node's). */
public final class TestTemplates {
    public static final long EASY_BITS = 0x207fffffL; // regtest: about every other hash is a block
    public static final long HARD_BITS = 0x1d00ffffL; // difficulty 1: no CPU test finds one by chance

    private TestTemplates() {}

    /** A template on a random previous block with {@code txCount} random (unserializable) transactions. */
    public static BlockTemplate template(long height, long bits, int txCount, long seed) {
        Random r = new Random(seed);
        byte[] prev = new byte[32];
        r.nextBytes(prev);
        List<TemplateTransaction> txs = new ArrayList<>();
        List<byte[]> wtxids = new ArrayList<>();
        for (int i = 0; i < txCount; i++) {
            byte[] txid = new byte[32];
            byte[] wtxid = new byte[32];
            r.nextBytes(txid);
            r.nextBytes(wtxid);
            txs.add(new TemplateTransaction(new byte[] {1, 2, 3}, txid, wtxid, 1000, 400, List.of()));
            wtxids.add(wtxid);
        }
        byte[] commitment = WitnessCommitment.script(
                WitnessCommitment.commitment(WitnessCommitment.witnessRoot(wtxids), WitnessCommitment.RESERVED_VALUE));
        long now = System.currentTimeMillis() / 1000;
        return new BlockTemplate(0x20000000, prev, txs, 50_0000_0000L + 1000L * txCount, bits, Target.fromBits(bits),
                now, now - 600, height, commitment, List.of("csv", "!segwit", "taproot"), List.of("time", "transactions", "prevblock"),
                "", 4_000_000, 4_000_000, 80_000);
    }
}
