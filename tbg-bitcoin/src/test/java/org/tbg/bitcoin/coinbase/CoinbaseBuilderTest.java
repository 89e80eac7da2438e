package org.tbg.bitcoin.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.bitcoinj.core.Sha256Hash;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.params.MainNetParams;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.bitcoinj.script.ScriptChunk;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxOut;

/** Coinbase bytes checked by bitcoinj, an independent parser, against the layout of spec/stratum.md. */
class CoinbaseBuilderTest {
    /** key_io_valid.json's mainnet P2WPKH script. */
    private static final byte[] PAYOUT = Hex.decode("00146100fc6343edc8c874496cb2f5bbfec88ea9b77c");
    /** The witness commitment of Core's regtest block 103 (any 32 bytes would do). */
    private static final byte[] COMMITMENT =
            Hex.decode("dd758d8a505fc290a461d8c777eb2bccaa610b13448fae3db1d49d0a601177ac");
    private static final byte[] TAG = "/TheBitcoinGame/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EN1 = Hex.decode("01020304");
    private static final byte[] EN2 = Hex.decode("a1a2a3a4a5a6a7a8");

    @Test
    void segwitCoinbaseAsBitcoinjReadsIt() {
        CoinbaseParts parts = new CoinbaseBuilder().height(840000).tag(TAG).extranonceLengths(4, 8)
                .addOutput(new TxOut(312_500_000L, PAYOUT)).witnessCommitment(COMMITMENT).build();
        assertThat(parts.segwit()).isTrue();
        byte[] full = parts.assembleWithWitness(EN1, EN2);
        org.bitcoinj.core.Transaction tx = new org.bitcoinj.core.Transaction(MainNetParams.get(), full);

        assertThat(tx.isCoinBase()).isTrue();
        assertThat(tx.getVersion()).isEqualTo(CoinbaseBuilder.VERSION);
        assertThat(tx.getLockTime()).isZero();
        tx.checkCoinBaseHeight(840000); // bitcoinj's BIP34 check throws when the height push differs

        TransactionInput in = tx.getInput(0);
        assertThat(in.getOutpoint().getHash()).isEqualTo(Sha256Hash.ZERO_HASH);
        assertThat(in.getOutpoint().getIndex()).isEqualTo(0xffffffffL);
        assertThat(in.getSequenceNumber()).isEqualTo(0xffffffffL);
        byte[] expectedScriptSig = new ScriptBuilder().number(840000).data(TAG).data(Bytes.concat(EN1, EN2))
                .build().getProgram();
        assertThat(Hex.encode(in.getScriptBytes())).isEqualTo(Hex.encode(expectedScriptSig));
        assertThat(in.getWitness().getPushCount()).isEqualTo(1);
        assertThat(in.getWitness().getPush(0)).isEqualTo(new byte[32]);

        assertThat(tx.getOutputs()).hasSize(2);
        assertThat(tx.getOutput(0).getValue().value).isEqualTo(312_500_000L);
        assertThat(tx.getOutput(0).getScriptBytes()).isEqualTo(PAYOUT);
        assertThat(tx.getOutput(1).getValue().value).isZero();
        assertThat(Hex.encode(tx.getOutput(1).getScriptBytes())).isEqualTo("6a24aa21a9ed" + Hex.encode(COMMITMENT));

        // The txid miners compute from coinb1 ‖ en1 ‖ en2 ‖ coinb2 is the transaction's real txid.
        byte[] stratumBytes = Bytes.concat(parts.coinb1(), EN1, EN2, parts.coinb2());
        assertThat(parts.assemble(EN1, EN2)).isEqualTo(stratumBytes);
        assertThat(tx.getTxId().getReversedBytes()).isEqualTo(Sha256d.of(stratumBytes));
        assertThat(parts.txid(EN1, EN2)).isEqualTo(Sha256d.of(stratumBytes));
        assertThat(tx.getWTxId().getReversedBytes()).isEqualTo(Sha256d.of(full));
        assertThat(Transaction.parse(full).serializeWithoutWitness()).isEqualTo(stratumBytes);
    }

    @Test
    void splitsRightAroundTheExtranonce() {
        CoinbaseParts parts = new CoinbaseBuilder().height(840000).tag(TAG).extranonceLengths(4, 8)
                .addOutput(new TxOut(1, PAYOUT)).build();
        byte[] coinb1 = parts.coinb1();
        // coinb1 ends with the push opcode for the 12 extranonce bytes; coinb2 starts with the sequence.
        assertThat(coinb1[coinb1.length - 1]).isEqualTo((byte) 12);
        assertThat(Hex.encode(Arrays.copyOf(parts.coinb2(), 4))).isEqualTo("ffffffff");
        List<ScriptChunk> chunks = scriptSigChunks(parts.assemble(EN1, EN2));
        assertThat(chunks).hasSize(3);
        assertThat(chunks.get(1).data).isEqualTo(TAG);
        assertThat(chunks.get(2).data).isEqualTo(Bytes.concat(EN1, EN2));
        assertThat(parts.extranonce1Length()).isEqualTo(4);
        assertThat(parts.extranonce2Length()).isEqualTo(8);
    }

    @Test
    void withoutCommitmentTheCoinbaseHasNoWitness() {
        CoinbaseParts parts = new CoinbaseBuilder().height(100).tag(TAG).extranonceLengths(4, 4)
                .addOutput(new TxOut(5_000_000_000L, PAYOUT)).witnessCommitment(null).build();
        byte[] en2 = Hex.decode("00000000");
        assertThat(parts.segwit()).isFalse();
        assertThat(parts.assembleWithWitness(EN1, en2)).isEqualTo(parts.assemble(EN1, en2));
        org.bitcoinj.core.Transaction tx =
                new org.bitcoinj.core.Transaction(MainNetParams.get(), parts.assemble(EN1, en2));
        assertThat(tx.hasWitnesses()).isFalse();
        assertThat(tx.getOutputs()).hasSize(1);
        tx.checkCoinBaseHeight(100);
    }

    @Test
    void keepsOutputOrderAndPutsTheCommitmentLast() {
        byte[] donation = Hex.decode("76a914a31c06bd463e3923bc1aadbde48b16976c08071788ac");
        CoinbaseParts parts = new CoinbaseBuilder().height(5).extranonceLengths(4, 8)
                .addOutput(new TxOut(100, PAYOUT)).addOutput(new TxOut(7, donation))
                .witnessCommitment(COMMITMENT).build();
        Transaction tx = Transaction.parse(parts.assembleWithWitness(EN1, EN2));
        assertThat(tx.outputs()).extracting(TxOut::value).containsExactly(100L, 7L, 0L);
        assertThat(tx.outputs().get(1).script()).isEqualTo(donation);
        // Height 5 is OP_5; no tag means no tag push at all.
        assertThat(Hex.encode(tx.inputs().get(0).scriptSig())).isEqualTo("550c" + Hex.encode(EN1) + Hex.encode(EN2));
    }

    @Test
    void truncatesALongTagToExactly100Bytes() {
        byte[] longTag = new byte[120];
        Arrays.fill(longTag, (byte) 'x');
        longTag[0] = 'A';
        CoinbaseParts parts = new CoinbaseBuilder().height(840000).tag(longTag).extranonceLengths(4, 8)
                .addOutput(new TxOut(1, PAYOUT)).build();
        byte[] scriptSig = Transaction.parse(parts.assemble(EN1, EN2)).inputs().get(0).scriptSig();
        // height push 4 (03 40d10c) + OP_PUSHDATA1 81 (2 + 81) + push 12 (1 + 12) = 100
        assertThat(scriptSig).hasSize(100);
        List<ScriptChunk> chunks = new Script(scriptSig).getChunks();
        assertThat(chunks.get(1).data).isEqualTo(Arrays.copyOf(longTag, 81));
        assertThat(chunks.get(2).data).isEqualTo(Bytes.concat(EN1, EN2));
        new org.bitcoinj.core.Transaction(MainNetParams.get(), parts.assemble(EN1, EN2)).checkCoinBaseHeight(840000);
    }

    @Test
    void truncationDoesNotCrossIntoPushdata1WhenThatNoLongerFits() {
        // height 4 + extranonce push 1 + 18 = 23 bytes, leaving 77: a 76-byte tag would need 78
        // (OP_PUSHDATA1), so 75 bytes with a one-byte push (76) is the most that fits.
        byte[] tag = new byte[90];
        Arrays.fill(tag, (byte) 't');
        CoinbaseParts parts = new CoinbaseBuilder().height(840000).tag(tag).extranonceLengths(8, 10)
                .addOutput(new TxOut(1, PAYOUT)).build();
        byte[] en2 = new byte[10];
        byte[] scriptSig = Transaction.parse(parts.assemble(new byte[8], en2)).inputs().get(0).scriptSig();
        assertThat(scriptSig).hasSize(99);
        assertThat(new Script(scriptSig).getChunks().get(1).data).hasSize(75);
    }

    @Test
    void refusesWhatCannotFitOrIsIncomplete() {
        assertThatThrownBy(() -> new CoinbaseBuilder().extranonceLengths(40, 40))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoinbaseBuilder().extranonceLengths(4, 8).addOutput(new TxOut(1, PAYOUT)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("height");
        assertThatThrownBy(() -> new CoinbaseBuilder().height(1).extranonceLengths(4, 8).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outputs");
        assertThatThrownBy(() -> new CoinbaseBuilder().witnessCommitment(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CoinbaseBuilder().addOutput(new TxOut(-1, PAYOUT)))
                .isInstanceOf(IllegalArgumentException.class);
        CoinbaseParts parts = new CoinbaseBuilder().height(1).extranonceLengths(4, 8)
                .addOutput(new TxOut(1, PAYOUT)).build();
        assertThatThrownBy(() -> parts.assemble(EN1, EN1)).hasMessageContaining("do not match");
    }

    @Test
    void equalInputsGiveEqualParts() {
        CoinbaseBuilder a = new CoinbaseBuilder().height(7).tag(TAG).extranonceLengths(4, 8).addOutput(new TxOut(1, PAYOUT));
        CoinbaseBuilder b = new CoinbaseBuilder().height(7).tag(TAG).extranonceLengths(4, 8).addOutput(new TxOut(1, PAYOUT));
        assertThat(a.build()).isEqualTo(b.build()).hasSameHashCodeAs(b.build());
        assertThat(a.build()).isNotEqualTo(b.height(8).build());
    }

    private static List<ScriptChunk> scriptSigChunks(byte[] coinbase) {
        return new Script(Transaction.parse(coinbase).inputs().get(0).scriptSig()).getChunks();
    }
}
