package org.tbg.stratum.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bitcoinj.core.Sha256Hash;
import org.bitcoinj.core.Utils;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.PrevHash;

/** Headers are checked against mainnet block 1 (a published header), hashed with bitcoinj. */
class StratumWorkTest {
    /** Block 1's coinbase transaction, cut where a pool would put extranonce1 (4 bytes) and extranonce2 (4 bytes). */
    private static final String BLOCK1_COINB1 = "01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff07";
    private static final String BLOCK1_EXTRANONCE1 = "04ffff00";
    private static final String BLOCK1_EXTRANONCE2 = "1d0104ff";
    private static final String BLOCK1_COINB2 = "ffffff0100f2052a01000000434104"
            + "96b538e853519c726a2c91e61ec11600ae1390813a627c66fb8be7947be63c52da7589379515d4e0a604f8141781e62294721166bf621e73a82cbf2342c858ee"
            + "ac00000000";
    private static final String GENESIS = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
    private static final String BLOCK1_HASH = "00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048";
    private static final int BLOCK1_VERSION = 1;
    private static final int BLOCK1_TIME = 0x4966bc61;
    private static final int BLOCK1_NONCE = (int) 2573394689L;

    @Test
    void theHeaderOfANotifyIsTheBlockHeaderAPoolWouldCheck() {
        StratumWork work = block1Work("00000001", "4966bc61");

        byte[] header = work.header(Hex.decode(BLOCK1_EXTRANONCE2));

        assertThat(displayHash(header)).isEqualTo(BLOCK1_HASH);
    }

    @Test
    void aRolledVersionAndNtimeReplaceTheJobs() {
        StratumWork work = block1Work("20000000", "00000000");

        byte[] header = work.header(Hex.decode(BLOCK1_EXTRANONCE2), BLOCK1_VERSION, BLOCK1_TIME);

        assertThat(displayHash(header)).isEqualTo(BLOCK1_HASH);
        assertThat(work.version()).isEqualTo(0x20000000);
        assertThat(work.ntime()).isZero();
    }

    @Test
    void extranonceSizesOutsideTheJobsAreRefused() {
        StratumWork work = block1Work("00000001", "4966bc61");

        assertThatThrownBy(() -> work.header(new byte[5])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StratumWork(work.notifyJob(), new byte[4], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StratumWork(work.notifyJob(), new byte[4], StratumWork.MAX_EXTRANONCE2_SIZE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static StratumWork block1Work(String version, String ntime) {
        NotifyJob notify = new NotifyJob("b1", PrevHash.toStratum(Bytes.reversed(Hex.decode(GENESIS))), BLOCK1_COINB1,
                BLOCK1_COINB2, List.of(), version, "1d00ffff", ntime, true);
        return new StratumWork(notify, Hex.decode(BLOCK1_EXTRANONCE1), 4);
    }

    /** The hash of {@code header} with block 1's nonce, in display order, computed by bitcoinj. */
    private static String displayHash(byte[] header) {
        assertThat(header).hasSize(StratumWork.HEADER_SIZE);
        Bytes.writeInt32LE(BLOCK1_NONCE, header, StratumWork.NONCE_OFFSET);
        return Hex.encode(Utils.reverseBytes(Sha256Hash.twiceOf(header).getBytes()));
    }
}
