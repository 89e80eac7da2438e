package org.tbg.bitcoin.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bitcoinj.params.MainNetParams;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;

/**
 * Real transactions with their published ids (rust-bitcoin's transaction tests, which cite the
 * chain): hashes are SHA-256d of our serializations, so a match proves parse and serialize.
 */
class TransactionTest {
    /** Mainnet P2SH-wrapped segwit spend, txid f5864806…2206, wtxid 80b7d8a8…e7f5. */
    static final String SEGWIT_TX = "02000000000101595895ea20179de87052b4046dfe6fd515860505d6511a9004cf12a1f93cac7c"
            + "0100000000ffffffff01deb807000000000017a9140f3444e271620c736808aa7b33e370bd87cb5a0787024830450221"
            + "00fb60dad8df4af2841adc0346638c16d0b8035f5e3f3753b88db122e70c79f9370220756e6633b17fd2710e626347d2"
            + "8d60b0a2d6cbb41de51740644b9fb3ba7751040121028fa937ca8cba2197a37c007176ed8941055d3bcb8627d085e945"
            + "53e62f057dcc00000000";
    /** Mainnet legacy transaction with an OP_RETURN output, txid = wtxid 971ed48a…68dd. */
    static final String LEGACY_TX = "01000000010c7196428403d8b0c88fcb3ee8d64f56f55c8973c9ab7dd106bb4f3527f5888d000000006a4730440220503a69"
            + "6f55f2c00eee2ac5e65b17767cd88ed04866b5637d3c1d5d996a70656d02202c9aff698f343abb6d176704beda63fcdec503"
            + "133ea4f6a5216b7f925fa9910c0121024d89b5a13d6521388969209df27a8469bd565aff10e8d42cef931fad5121bfb8ffff"
            + "ffff02b825b404000000001976a914ef79e7ee9fff98bcfd08473d2b76b02a48f8c69088ac0000000000000000296a273236"
            + "3030393438363937313732333132373633313032313332353630353838373931323132373000000000";
    /** Testnet3 segwit coinbase at height 924634 (NinjaPool), txid 4be105f1…4188. */
    static final String TESTNET_COINBASE = "010000000001010000000000000000000000000000000000000000000000000000000000"
            + "000000ffffffff3603da1b0e00045503bd5704c7dd8a0d0ced13bb5785010800000000000a636b706f6f6c122f4e696e6a61"
            + "506f6f6c2f5345475749542fffffffff02b4e5a212000000001976a914876fbb82ec05caa6af7a3b5e5a983aae6c6cc6d6"
            + "88ac0000000000000000266a24aa21a9edf91c46b49eb8a29089980f02ee6b57e7d63d33b18b4fddac2bcd7db2a3983704"
            + "0120000000000000000000000000000000000000000000000000000000000000000000000000";

    @Test
    void segwitTransactionRoundTripsWithItsPublishedIds() {
        Transaction tx = Transaction.parseHex(SEGWIT_TX);
        assertThat(display(tx.txid())).isEqualTo("f5864806e3565c34d1b41e716f72609d00b55ea5eac5b924c9719a842ef42206");
        assertThat(display(tx.wtxid())).isEqualTo("80b7d8a82d5d5bf92905b06f2014dd699e03837ca172e3a59d51426ebbe3e7f5");
        assertThat(Hex.encode(tx.serialize())).isEqualTo(SEGWIT_TX);
        assertThat(tx.hasWitness()).isTrue();
        assertThat(tx.isCoinbase()).isFalse();
        assertThat(tx.version()).isEqualTo(2);
        assertThat(tx.inputs()).hasSize(1);
        TxIn in = tx.inputs().get(0);
        assertThat(display(in.prevTxid())).isEqualTo("7cac3cf9a112cf04901a51d605058615d56ffe6d04b45270e89d1720ea955859");
        assertThat(in.prevIndex()).isEqualTo(1);
        assertThat(in.witness()).hasSize(2);
        assertThat(tx.outputs()).containsExactly(
                new TxOut(506078, Hex.decode("a9140f3444e271620c736808aa7b33e370bd87cb5a0787")));
        assertThat(tx.lockTime()).isZero();
        // Stripped size from rust-bitcoin's published weight 442: (442 - 191) / 3 = 83 bytes.
        assertThat(tx.serializeWithoutWitness()).hasSize(83);
    }

    @Test
    void legacyTransactionHasTxidAsWtxid() {
        Transaction tx = Transaction.parseHex(LEGACY_TX);
        assertThat(display(tx.txid())).isEqualTo("971ed48a62c143bbd9c87f4bafa2ef213cfa106c6e140f111931d0be307468dd");
        assertThat(tx.wtxid()).isEqualTo(tx.txid());
        assertThat(tx.hasWitness()).isFalse();
        assertThat(Hex.encode(tx.serialize())).isEqualTo(LEGACY_TX);
        assertThat(tx.serializeWithoutWitness()).isEqualTo(tx.serialize());
        assertThat(tx.outputs()).hasSize(2);
    }

    @Test
    void segwitCoinbaseParsesAsCoinbase() {
        Transaction tx = Transaction.parseHex(TESTNET_COINBASE);
        assertThat(display(tx.txid())).isEqualTo("4be105f158ea44aec57bf12c5817d073a712ab131df6f37786872cfc70734188");
        assertThat(tx.isCoinbase()).isTrue();
        assertThat(tx.inputs().get(0).witness()).singleElement().satisfies(item -> assertThat(item).isEqualTo(new byte[32]));
        assertThat(Hex.encode(tx.outputs().get(1).script())).startsWith("6a24aa21a9ed");
        assertThat(Hex.encode(tx.serialize())).isEqualTo(TESTNET_COINBASE);
    }

    @Test
    void idsAgreeWithBitcoinj() {
        for (String hex : List.of(SEGWIT_TX, LEGACY_TX, TESTNET_COINBASE)) {
            Transaction ours = Transaction.parseHex(hex);
            org.bitcoinj.core.Transaction theirs = new org.bitcoinj.core.Transaction(MainNetParams.get(), Hex.decode(hex));
            assertThat(ours.txid()).isEqualTo(theirs.getTxId().getReversedBytes());
            assertThat(ours.wtxid()).isEqualTo(theirs.getWTxId().getReversedBytes());
            assertThat(ours.isCoinbase()).isEqualTo(theirs.isCoinBase());
            assertThat(ours.hasWitness()).isEqualTo(theirs.hasWitnesses());
        }
    }

    @Test
    void buildsAndSerializesFromParts() {
        Transaction parsed = Transaction.parseHex(SEGWIT_TX);
        Transaction rebuilt = new Transaction(parsed.version(), parsed.inputs(), parsed.outputs(), parsed.lockTime());
        assertThat(rebuilt).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        // Dropping the witness gives the legacy serialization, whose hash is the (unchanged) txid.
        TxIn in = parsed.inputs().get(0).withWitness(List.of());
        Transaction stripped = new Transaction(parsed.version(), List.of(in), parsed.outputs(), parsed.lockTime());
        assertThat(stripped.serialize()).isEqualTo(parsed.serializeWithoutWitness());
        assertThat(stripped.wtxid()).isEqualTo(parsed.txid());
    }

    @Test
    void rejectsMalformedInput() {
        assertThatThrownBy(() -> Transaction.parseHex(LEGACY_TX + "00"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the transaction");
        assertThatThrownBy(() -> Transaction.parseHex(LEGACY_TX.substring(0, LEGACY_TX.length() - 2)))
                .isInstanceOf(IllegalArgumentException.class);
        // Marker and flag, but every witness stack empty: Core's "superfluous witness record".
        String superfluous = "02000000" + "0001" + "01" + "00".repeat(32) + "00000000" + "00" + "ffffffff"
                + "01" + "0000000000000000" + "00"   // one output: value 0, empty script
                + "00"                              // the input's witness: zero items
                + "00000000";
        assertThatThrownBy(() -> Transaction.parseHex(superfluous)).hasMessageContaining("superfluous");
        String unknownFlag = "02000000" + "0002" + SEGWIT_TX.substring(12);
        assertThatThrownBy(() -> Transaction.parseHex(unknownFlag)).hasMessageContaining("flag");
        // An input count far beyond the bytes left must not allocate.
        assertThatThrownBy(() -> Transaction.parseHex("01000000feffffff7f")).hasMessageContaining("exceeds");
    }

    static String display(byte[] hash) {
        return Hex.encode(Bytes.reversed(hash));
    }
}
