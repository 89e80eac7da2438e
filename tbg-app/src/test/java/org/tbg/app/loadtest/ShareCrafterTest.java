package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.bitcoinj.core.Sha256Hash;
import org.bitcoinj.core.Utils;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.target.Difficulty;
import org.tbg.bitcoin.target.Target;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.PrevHash;
import org.tbg.stratum.work.StratumWork;

/** Crafted shares are re-hashed with bitcoinj, which shares no code with the crafter. */
class ShareCrafterTest {
    private static final String COINB1 = "02000000010000000000000000000000000000000000000000000000000000000000000000ffffffff20035a0100";
    private static final String COINB2 = "ffffffff0100f2052a010000001600147d491288dd018d7673c7efa321dff4982b22bda600000000";
    private static final List<String> BRANCH = List.of("11".repeat(32), "22".repeat(32));
    private static final String EXTRANONCE1 = "0a0b0c0d";
    private static final int EXTRANONCE2_SIZE = 8;

    @Test
    void groundSharesMeetTheTargetWhenCheckedIndependently() {
        StratumWork job = job("207fffff");
        Target target = Difficulty.targetFor(1e-6); // about one header in 4000
        SplittableRandom random = new SplittableRandom(7);

        for (int i = 0; i < 20; i++) {
            Optional<CraftedShare> share = ShareCrafter.meeting(job, target, 1 << 20, random);

            assertThat(share).isPresent();
            assertThat(hashValue(share.get())).isLessThanOrEqualTo(target.value());
            assertThat(share.get().ntimeHex()).isEqualTo("66554433");
            assertThat(share.get().extranonce2Hex()).hasSize(2 * EXTRANONCE2_SIZE);
        }
    }

    @Test
    void aTooSmallBudgetFindsNothing() {
        Target impossible = new Target(BigInteger.ZERO);

        assertThat(ShareCrafter.meeting(job("207fffff"), impossible, 1_000, new SplittableRandom(1))).isEmpty();
    }

    @Test
    void cheapSharesMissTheNetworkTargetEvenOnRegtest() {
        StratumWork job = job("207fffff"); // half of all headers meet it
        BigInteger network = Target.fromBits(0x207fffffL).value();
        SplittableRandom random = new SplittableRandom(3);

        for (int i = 0; i < 200; i++) {
            CraftedShare share = ShareCrafter.belowNetworkTarget(job, random);

            assertThat(hashValue(share)).isGreaterThan(network);
        }
    }

    private static StratumWork job(String nbits) {
        NotifyJob notify = new NotifyJob("j7", PrevHash.toStratum(Hex.decode("ab".repeat(32))), COINB1, COINB2, BRANCH,
                "20000000", nbits, "66554433", true);
        return new StratumWork(notify, Hex.decode(EXTRANONCE1), EXTRANONCE2_SIZE);
    }

    /** The share's header hash as a number, computed with bitcoinj from the notify fields and the submit params. */
    private static BigInteger hashValue(CraftedShare share) {
        byte[] coinbase = Hex.decode(COINB1 + EXTRANONCE1 + share.extranonce2Hex() + COINB2);
        byte[] node = Sha256Hash.twiceOf(coinbase).getBytes(); // internal order: the digest as it comes out
        for (String sibling : BRANCH) {
            node = Sha256Hash.twiceOf(node, Hex.decode(sibling)).getBytes();
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        writeLE(header, 0x20000000L);
        header.writeBytes(Hex.decode("ab".repeat(32))); // the prevhash the notify carried, in internal order
        header.writeBytes(node);
        writeLE(header, 0x66554433L);
        writeLE(header, 0x207fffffL);
        writeLE(header, Long.parseLong(share.nonceHex(), 16));
        byte[] hash = Sha256Hash.twiceOf(header.toByteArray()).getBytes();
        return new BigInteger(1, Utils.reverseBytes(hash));
    }

    private static void writeLE(ByteArrayOutputStream out, long v) {
        byte[] b = new byte[4];
        Utils.uint32ToByteArrayLE(v, b, 0);
        out.writeBytes(b);
    }
}
