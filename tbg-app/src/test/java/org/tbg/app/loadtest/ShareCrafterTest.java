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
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.target.Difficulty;
import org.tbg.bitcoin.target.Target;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.PrevHash;

/**
 * Headers built from a notify are checked against mainnet block 1 (a published header), and
 * crafted shares are re-hashed with bitcoinj, which shares no code with the crafter.
 */
class ShareCrafterTest {
    /** Block 1's coinbase transaction, cut where a pool would put extranonce1 (4 bytes) and extranonce2 (4 bytes). */
    private static final String BLOCK1_COINB1 = "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff07";
    private static final String BLOCK1_EXTRANONCE1 = "04ffff00";
    private static final String BLOCK1_EXTRANONCE2 = "1d0104ff";
    private static final String BLOCK1_COINB2 = "ffffff0100f2052a01000000434104"
            + "96b538e853519c726a2c91e61ec11600ae1390813a627c66fb8be7947be63c52da7589379515d4e0a604f8141781e62294721166bf621e73a82cbf2342c858ee"
            + "ac00000000";
    private static final String GENESIS = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
    private static final String BLOCK1_HASH = "00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048";
    private static final int BLOCK1_NONCE = (int) 2573394689L;

    private static final String COINB1 = "02000000010000000000000000000000000000000000000000000000000000000000000000ffffffff20035a0100";
    private static final String COINB2 = "ffffffff0100f2052a010000001600147d491288dd018d7673c7efa321dff4982b22bda600000000";
    private static final List<String> BRANCH = List.of("11".repeat(32), "22".repeat(32));
    private static final String EXTRANONCE1 = "0a0b0c0d";
    private static final int EXTRANONCE2_SIZE = 8;

    @Test
    void theHeaderOfANotifyIsTheBlockHeaderAPoolWouldCheck() {
        NotifyJob notify = new NotifyJob("b1", PrevHash.toStratum(Bytes.reversed(Hex.decode(GENESIS))), BLOCK1_COINB1,
                BLOCK1_COINB2, List.of(), "00000001", "1d00ffff", "4966bc61", true);
        LoadJob job = LoadJob.of(notify, new Subscription(BLOCK1_EXTRANONCE1, 4));

        byte[] header = job.header(Hex.decode(BLOCK1_EXTRANONCE2));
        Bytes.writeInt32LE(BLOCK1_NONCE, header, LoadJob.NONCE_OFFSET);

        byte[] hash = Sha256Hash.twiceOf(header).getBytes();
        assertThat(Hex.encode(Utils.reverseBytes(hash))).as("display order").isEqualTo(BLOCK1_HASH);
    }

    @Test
    void groundSharesMeetTheTargetWhenCheckedIndependently() {
        LoadJob job = job("207fffff");
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
        LoadJob job = job("207fffff"); // half of all headers meet it
        BigInteger network = Target.fromBits(0x207fffffL).value();
        SplittableRandom random = new SplittableRandom(3);

        for (int i = 0; i < 200; i++) {
            CraftedShare share = ShareCrafter.belowNetworkTarget(job, random);

            assertThat(hashValue(share)).isGreaterThan(network);
        }
    }

    private static LoadJob job(String nbits) {
        NotifyJob notify = new NotifyJob("j7", PrevHash.toStratum(Hex.decode("ab".repeat(32))), COINB1, COINB2, BRANCH,
                "20000000", nbits, "66554433", true);
        return LoadJob.of(notify, new Subscription(EXTRANONCE1, EXTRANONCE2_SIZE));
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
