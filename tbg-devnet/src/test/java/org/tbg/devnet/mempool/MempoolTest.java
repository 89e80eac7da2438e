package org.tbg.devnet.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tbg.devnet.Devnet;
import org.tbg.devnet.DevnetOptions;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.chain.SubmitOutcome;
import org.tbg.devnet.support.TestBlockBuilder;

class MempoolTest {
    @Test
    void startsFullAndOrdersByFeeRate() {
        Mempool mempool = new Mempool(300, new SyntheticTransactionFactory(5, FeeRateRange.DEFAULT, 0.5));
        assertThat(mempool.size()).isEqualTo(300);
        List<MempoolEntry> entries = mempool.byFeeRate();
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).feeRate()).isLessThanOrEqualTo(entries.get(i - 1).feeRate());
        }
        assertThat(mempool.feeOf(entries.get(0).txid())).hasValue(entries.get(0).fee());
        assertThat(mempool.feeOf(new byte[32])).isEmpty();
    }

    @Test
    void emptyByDefault() {
        assertThat(new Devnet(DevnetOptions.defaults()).mempool().size()).isZero();
    }

    @Test
    void confirmedTransactionsLeaveAndTheMempoolIsRefilled() {
        Devnet devnet = new Devnet(DevnetOptions.builder().mempoolSize(50).build());
        Chain chain = devnet.chain();
        Mempool mempool = devnet.mempool();
        List<MempoolEntry> before = mempool.byFeeRate();
        long updates = mempool.updates();
        TestBlockBuilder block = TestBlockBuilder.onTip(chain);
        for (MempoolEntry e : before.subList(0, 10)) {
            block.addSerialized(e.data(), e.fee());
        }

        assertThat(chain.submit(block.build()).status()).isEqualTo(SubmitOutcome.Status.ACCEPTED);

        assertThat(mempool.size()).isEqualTo(50);
        for (MempoolEntry e : before.subList(0, 10)) {
            assertThat(mempool.feeOf(e.txid())).isEmpty();
        }
        for (MempoolEntry e : before.subList(10, 50)) {
            assertThat(mempool.feeOf(e.txid())).hasValue(e.fee());
        }
        assertThat(mempool.updates()).isGreaterThan(updates);
    }
}
