package org.tbg.devnet.mempool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.params.RegTestParams;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;

/** Synthetic transactions must be real serializations: bitcoinj parses them and agrees on ids and weight. */
class SyntheticTransactionFactoryTest {
    @Test
    void bitcoinjAgreesOnTxidWtxidAndWeight() {
        SyntheticTransactionFactory factory = new SyntheticTransactionFactory(7, FeeRateRange.DEFAULT, 0.5);
        int witness = 0;
        for (int i = 0; i < 200; i++) {
            MempoolEntry e = factory.next();
            Transaction tx = new Transaction(RegTestParams.get(), e.data());
            assertThat(tx.getTxId().toString()).isEqualTo(Hex.encode(Bytes.reversed(e.txid())));
            assertThat(tx.getWTxId().toString()).isEqualTo(Hex.encode(Bytes.reversed(e.wtxid())));
            assertThat((long) tx.getWeight()).isEqualTo(e.weight());
            assertThat((long) tx.getVsize()).isEqualTo(e.vsize());
            assertThat(tx.hasWitnesses()).isEqualTo(e.hasWitness());
            assertThat(tx.isCoinBase()).isFalse();
            witness += e.hasWitness() ? 1 : 0;
        }
        assertThat(witness).as("about half carry witness data").isBetween(60, 140);
    }

    @Test
    void feesFollowTheFeeRateRange() {
        SyntheticTransactionFactory factory = new SyntheticTransactionFactory(3, new FeeRateRange(5, 9), 0.5);
        for (int i = 0; i < 200; i++) {
            MempoolEntry e = factory.next();
            assertThat(e.fee()).isBetween(5 * e.vsize(), 9 * e.vsize());
            assertThat(e.fee() % e.vsize()).as("a whole sat/vB rate").isZero();
        }
    }

    @Test
    void witnessShareZeroAndOne() {
        SyntheticTransactionFactory none = new SyntheticTransactionFactory(1, FeeRateRange.DEFAULT, 0.0);
        SyntheticTransactionFactory all = new SyntheticTransactionFactory(1, FeeRateRange.DEFAULT, 1.0);
        for (int i = 0; i < 50; i++) {
            assertThat(none.next().hasWitness()).isFalse();
            assertThat(all.next().hasWitness()).isTrue();
        }
    }

    @Test
    void sameSeedSameTransactionsDifferentSeedDifferent() {
        SyntheticTransactionFactory a = new SyntheticTransactionFactory(42, FeeRateRange.DEFAULT, 0.5);
        SyntheticTransactionFactory b = new SyntheticTransactionFactory(42, FeeRateRange.DEFAULT, 0.5);
        SyntheticTransactionFactory c = new SyntheticTransactionFactory(43, FeeRateRange.DEFAULT, 0.5);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            MempoolEntry x = a.next();
            assertThat(b.next().txid()).isEqualTo(x.txid());
            ids.add(x.txidHex());
            ids.add(c.next().txidHex());
        }
        assertThat(ids).hasSize(200);
    }
}
