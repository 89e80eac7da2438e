package org.tbg.bitcoin.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.bitcoinj.script.ScriptChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tbg.bitcoin.encoding.Hex;

class ScriptNumberTest {

    static LongStream heights() {
        return LongStream.concat(LongStream.rangeClosed(0, 17), LongStream.of(
                75, 76, 127, 128, 129, 255, 256, 32767, 32768, 65535, 65536, 8388607, 8388608,
                227931, 481824, 840000, 16777215, 16777216, 2147483647L, 2147483648L, 549755813887L, 549755813888L));
    }

    @ParameterizedTest
    @MethodSource("heights")
    void heightPushMatchesBitcoinjScriptBuilder(long height) {
        // bitcoinj's ScriptBuilder.number follows Core's CScript << int64 (OP_0, OP_1..OP_16, else CScriptNum push).
        byte[] expected = new ScriptBuilder().number(height).build().getProgram();
        assertThat(Hex.encode(ScriptNumber.bip34HeightPush(height))).isEqualTo(Hex.encode(expected));
    }

    @ParameterizedTest
    @CsvSource({
            // Coinbase scriptSig prefixes of blocks mined by Bitcoin Core: regtest blocks from
            // test/functional/data/rpc_getblockstats.json, and testnet3 coinbase
            // 4be105f158ea44aec57bf12c5817d073a712ab131df6f37786872cfc70734188 (height 924634).
            "1, 51",
            "2, 52",
            "16, 60",
            "17, 0111",
            "75, 014b",
            "103, 0167",
            "924634, 03da1b0e"})
    void heightPushMatchesCoreMinedBlocks(long height, String prefixHex) {
        assertThat(Hex.encode(ScriptNumber.bip34HeightPush(height))).isEqualTo(prefixHex);
    }

    @ParameterizedTest
    @CsvSource({
            // CScriptNum serialization: minimal little-endian, sign bit in the last byte.
            "0, ''", "1, 01", "127, 7f", "128, 8000", "255, ff00", "256, 0001",
            "-1, 81", "-127, ff", "-128, 8080", "-256, 0081", "32767, ff7f", "32768, 008000"})
    void encodesScriptNumbers(long value, String hex) {
        assertThat(Hex.encode(ScriptNumber.encode(value))).isEqualTo(hex);
    }

    @Test
    void rejectsNegativeHeights() {
        assertThatThrownBy(() -> ScriptNumber.bip34HeightPush(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 20, 75, 76, 77, 255, 256, 65535}) // bitcoinj cannot parse PUSHDATA4
    void pushDataMatchesBitcoinjAndParsesBack(int length) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (i * 7 + 3);
        }
        byte[] push = ScriptNumber.pushData(data);
        // bitcoinj's data() differs from Core only for 0/1-byte pushes, which this range avoids.
        assertThat(push).isEqualTo(new ScriptBuilder().data(data).build().getProgram());
        List<ScriptChunk> chunks = new Script(push).getChunks();
        assertThat(chunks).hasSize(1);
        assertThat(chunks.get(0).data).isEqualTo(data);
        assertThat(push.length).isEqualTo(ScriptNumber.pushHeaderLength(length) + length);
    }

    @Test
    void pushDataUsesTheOpcodeBoundariesOfCore() {
        assertThat(ScriptNumber.pushData(new byte[75])[0]).isEqualTo((byte) 75);
        assertThat(ScriptNumber.pushData(new byte[76])[0]).isEqualTo((byte) ScriptNumber.OP_PUSHDATA1);
        assertThat(ScriptNumber.pushData(new byte[256])[0]).isEqualTo((byte) ScriptNumber.OP_PUSHDATA2);
        assertThat(ScriptNumber.pushData(new byte[65536])[0]).isEqualTo((byte) ScriptNumber.OP_PUSHDATA4);
        // Like Core's CScript << vector, one byte is pushed as data, never replaced by OP_N.
        assertThat(Hex.encode(ScriptNumber.pushData(new byte[] {5}))).isEqualTo("0105");
        assertThat(Hex.encode(ScriptNumber.pushData(new byte[0]))).isEqualTo("00");
    }
}
