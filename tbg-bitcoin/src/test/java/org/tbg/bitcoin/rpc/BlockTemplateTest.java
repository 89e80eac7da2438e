package org.tbg.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.params.RegTestParams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.bitcoin.target.Target;

class BlockTemplateTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final RegTestParams REGTEST = RegTestParams.get();
    /** BIP141: OP_RETURN, push 36, then the commitment header aa21a9ed. */
    private static final String WITNESS_COMMITMENT_PREFIX = "6a24aa21a9ed";

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) MAPPER.readTree(text);
    }

    @Test
    void previousBlockHashIsInternalOrderOfTheGenesisBlock() throws Exception {
        BlockTemplate t = BlockTemplate.fromJson(json(BcoinSamples.GBT_HEIGHT_1));

        // bitcoinj computes regtest's genesis hash itself; getReversedBytes() is internal order.
        assertThat(t.previousBlockHash()).isEqualTo(REGTEST.getGenesisBlock().getHash().getReversedBytes());
        assertThat(t.height()).isEqualTo(1);
    }

    @Test
    void freshNodeTemplateFallsBackToConsensusWeightLimit() throws Exception {
        BlockTemplate t = BlockTemplate.fromJson(json(BcoinSamples.GBT_HEIGHT_1));

        // Before segwit activates bcoin sends legacy limits and no weightlimit.
        assertThat(t.sizeLimit()).isEqualTo(1_000_000);
        assertThat(t.sigOpLimit()).isEqualTo(20_000);
        assertThat(t.weightLimit()).isEqualTo(4_000_000);
        assertThat(t.rules()).isEmpty();
        assertThat(t.transactions()).isEmpty();
        assertThat(t.coinbaseValue()).isEqualTo(50_0000_0000L);
    }

    @Test
    void witnessCommitmentOfAnEmptyTemplateCommitsToTheZeroRoot() throws Exception {
        BlockTemplate t = BlockTemplate.fromJson(json(BcoinSamples.GBT_HEIGHT_1));

        // With only the coinbase, the witness root is the coinbase's wtxid, defined as zero.
        byte[] expected = Sha256d.of(new byte[64]);
        assertThat(Hex.encode(t.defaultWitnessCommitment())).isEqualTo(WITNESS_COMMITMENT_PREFIX + Hex.encode(expected));
    }

    @Test
    void parsesHeaderFieldsOfASegwitTemplate() throws Exception {
        BlockTemplate t = BlockTemplate.fromJson(json(BcoinSamples.GBT_SEGWIT_WITH_TRANSACTIONS));

        assertThat(t.version()).isEqualTo(0x20000000);
        assertThat(t.height()).isEqualTo(451);
        assertThat(t.bits()).isEqualTo(0x207fffffL);
        assertThat(t.target()).isEqualTo(Target.fromBits(t.bits()));
        assertThat(t.curTime()).isEqualTo(1795440451L);
        assertThat(t.minTime()).isEqualTo(1795440451L);
        assertThat(t.rules()).containsExactly("csv", "!segwit", "testdummy");
        assertThat(t.mutable()).containsExactly("time", "transactions", "prevblock");
        assertThat(t.longPollId()).startsWith("64c0b3a9");
        assertThat(t.sizeLimit()).isEqualTo(4_000_000);
        assertThat(t.weightLimit()).isEqualTo(4_000_000);
        assertThat(t.sigOpLimit()).isEqualTo(80_000);
        assertThat(Bytes.reversed(t.previousBlockHash()))
                .isEqualTo(Hex.decode("64c0b3a910ef5c2832f63853ab3b50df4d875ff68f94f1b67eda9badcd5809bf"));
    }

    @Test
    void coinbaseValueIsRegtestSubsidyPlusFees() throws Exception {
        BlockTemplate t = BlockTemplate.fromJson(json(BcoinSamples.GBT_SEGWIT_WITH_TRANSACTIONS));

        // Regtest halves the 50 BTC subsidy every 150 blocks.
        long subsidy = 50_0000_0000L >> (t.height() / 150);
        long fees = t.transactions().stream().mapToLong(TemplateTransaction::fee).sum();
        assertThat(fees).isEqualTo(50_000);
        assertThat(t.coinbaseValue()).isEqualTo(subsidy + fees);
    }

    @Test
    void txidsAndWtxidsAgreeWithBitcoinj() throws Exception {
        BlockTemplate t = BlockTemplate.fromJson(json(BcoinSamples.GBT_SEGWIT_WITH_TRANSACTIONS));

        assertThat(t.transactions()).hasSize(3);
        for (TemplateTransaction tx : t.transactions()) {
            Transaction oracle = new Transaction(REGTEST, tx.data());
            assertThat(tx.txid()).isEqualTo(oracle.getTxId().getReversedBytes());
            assertThat(tx.wtxid()).isEqualTo(oracle.getWTxId().getReversedBytes());
            // These spends carry witnesses, so the two ids differ.
            assertThat(tx.wtxid()).isNotEqualTo(tx.txid());
            assertThat(tx.weight()).isEqualTo(oracle.getWeight());
        }
    }

    @Test
    void dependsPointAtTheTransactionSpent() throws Exception {
        BlockTemplate t = BlockTemplate.fromJson(json(BcoinSamples.GBT_SEGWIT_WITH_TRANSACTIONS));
        List<TemplateTransaction> txs = t.transactions();

        assertThat(txs.get(0).depends()).isEmpty();
        for (int i = 1; i < txs.size(); i++) {
            assertThat(txs.get(i).depends()).containsExactly(1);
            Transaction spend = new Transaction(REGTEST, txs.get(i).data());
            byte[] spentTxid = spend.getInput(0).getOutpoint().getHash().getReversedBytes();
            // depends is 1-based into the template's list.
            assertThat(spentTxid).isEqualTo(txs.get(txs.get(i).depends().get(0) - 1).txid());
        }
    }

    @Test
    void witnessCommitmentMatchesTheWtxidMerkleRoot() throws Exception {
        BlockTemplate t = BlockTemplate.fromJson(json(BcoinSamples.GBT_SEGWIT_WITH_TRANSACTIONS));

        // BIP141: commitment = SHA256d(witness root ‖ witness reserved value of 32 zero bytes),
        // the root over [zero (coinbase), wtxids...]. Checks wtxid byte order end to end.
        List<byte[]> leaves = new ArrayList<>();
        leaves.add(new byte[32]);
        t.transactions().forEach(tx -> leaves.add(tx.wtxid()));
        byte[] commitment = Sha256d.of(Bytes.concat(Merkle.root(leaves), new byte[32]));

        assertThat(Hex.encode(t.defaultWitnessCommitment())).isEqualTo(WITNESS_COMMITMENT_PREFIX + Hex.encode(commitment));
    }

    @ParameterizedTest
    @ValueSource(strings = {"version", "previousblockhash", "transactions", "coinbasevalue", "bits", "curtime", "mintime", "height"})
    void missingRequiredFieldIsNamed(String field) throws Exception {
        ObjectNode json = json(BcoinSamples.GBT_SEGWIT_WITH_TRANSACTIONS);
        json.remove(field);

        assertThatThrownBy(() -> BlockTemplate.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + field + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data", "txid", "fee", "weight"})
    void missingTransactionFieldIsNamedWithItsIndex(String field) throws Exception {
        ObjectNode json = json(BcoinSamples.GBT_SEGWIT_WITH_TRANSACTIONS);
        ((ObjectNode) json.get("transactions").get(2)).remove(field);

        assertThatThrownBy(() -> BlockTemplate.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transactions[2]")
                .hasMessageContaining("'" + field + "'");
    }

    @Test
    void optionalFieldsTakeDefaults() throws Exception {
        ObjectNode json = json(BcoinSamples.GBT_SEGWIT_WITH_TRANSACTIONS);
        for (String f : List.of("target", "default_witness_commitment", "rules", "mutable", "longpollid",
                "sizelimit", "weightlimit", "sigoplimit")) {
            json.remove(f);
        }
        ((ObjectNode) json.get("transactions").get(0)).remove("hash");

        BlockTemplate t = BlockTemplate.fromJson(json);

        assertThat(t.target()).isEqualTo(Target.fromBits(0x207fffffL));
        assertThat(t.defaultWitnessCommitment()).isNull();
        assertThat(t.rules()).isEmpty();
        assertThat(t.longPollId()).isNull();
        assertThat(t.weightLimit()).isEqualTo(BlockTemplate.MAX_BLOCK_WEIGHT);
        assertThat(t.transactions().get(0).wtxid()).isEqualTo(t.transactions().get(0).txid());
    }

    @Test
    void bitsMayBeANumber() throws Exception {
        ObjectNode json = json(BcoinSamples.GBT_HEIGHT_1);
        json.put("bits", 0x1d00ffffL);
        json.remove("target");

        BlockTemplate t = BlockTemplate.fromJson(json);

        assertThat(t.bits()).isEqualTo(0x1d00ffffL);
        // Difficulty 1 by definition of the pdiff convention.
        assertThat(t.target().difficulty()).isEqualTo(1.0);
    }

    @Test
    void rejectsMalformedValues() throws Exception {
        ObjectNode badHash = json(BcoinSamples.GBT_HEIGHT_1);
        badHash.put("previousblockhash", "abcd");
        assertThatThrownBy(() -> BlockTemplate.fromJson(badHash)).hasMessageContaining("'previousblockhash'");

        ObjectNode badBits = json(BcoinSamples.GBT_HEIGHT_1);
        badBits.put("bits", "zz7fffff");
        assertThatThrownBy(() -> BlockTemplate.fromJson(badBits)).hasMessageContaining("'bits'");

        ObjectNode badHeight = json(BcoinSamples.GBT_HEIGHT_1);
        badHeight.put("height", "1");
        assertThatThrownBy(() -> BlockTemplate.fromJson(badHeight)).hasMessageContaining("'height'");

        JsonNode notAnObject = MAPPER.readTree("[]");
        assertThatThrownBy(() -> BlockTemplate.fromJson(notAnObject)).isInstanceOf(IllegalArgumentException.class);
    }
}
