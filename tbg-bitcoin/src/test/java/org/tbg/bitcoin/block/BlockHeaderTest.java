package org.tbg.bitcoin.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.target.Target;

/** Real mainnet headers: the fields as block explorers show them, checked by their hash. */
class BlockHeaderTest {

    @ParameterizedTest(name = "block {0}")
    @CsvSource({
            // height, version, prev hash, merkle root, time, bits, nonce, block hash (display order)
            "0, 1, 0000000000000000000000000000000000000000000000000000000000000000, "
                    + "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b, 1231006505, 1d00ffff, 2083236893, "
                    + "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f",
            "1, 1, 000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f, "
                    + "0e3e2357e806b6cdb1f70b54c3a3a17b6714ee1f0e68bebb44a74b1efd512098, 1231469665, 1d00ffff, 2573394689, "
                    + "00000000839a8e6886ab5951d76f411475428afc90947ee320161bbf18eb6048",
            "170, 1, 000000002a22cfee1f2c846adbd12b3e183d4f97683f85dad08a79780a84bd55, "
                    + "7dac2c5666815c17a3b36427de37bb9d2e2c5ccec3f8633eb91a4205cb4c10ff, 1231731025, 1d00ffff, 1889418792, "
                    + "00000000d1145790a8694403d4063f323d499e655c83426834d4ce2f8dd4a2ee",
            "100000, 1, 000000000002d01c1fccc21636b607dfd930d31d01c3a62104612a1719011250, "
                    + "f3e94742aca4b5ef85488dc37c06c3282295ffec960994b2c0d5ac2a25a95766, 1293623863, 1b04864c, 274148111, "
                    + "000000000003ba27aa200b1cecaad478d2b00432346c3f1f3986da1afd33e506",
            // segwit activation block; time 2017-08-24 01:57:37 UTC
            "481824, 536870914, 000000000000000000cbeff0b533f8e1189cf09dfbebf57a8ebe349362811b80, "
                    + "6438250cad442b982801ae6994edb8a9ec63c0a0ba117779fbe7ef7f07cad140, 1503539857, 18013ce9, 575995682, "
                    + "0000000000000000001c8018d9cb3b742ef25114f27563e3fc4a1902167f9893"})
    void hashesRealHeaders(int height, long version, String prev, String merkle, long time, String bits, long nonce,
                           String hash) {
        BlockHeader header = new BlockHeader((int) version, internal(prev), internal(merkle), (int) time,
                (int) Long.parseLong(bits, 16), (int) nonce);
        byte[] serialized = header.serialize();
        assertThat(serialized).hasSize(80);
        assertThat(Hex.encode(Bytes.reversed(header.hash()))).isEqualTo(hash);
        assertThat(BlockHeader.parse(serialized)).isEqualTo(header);
        assertThat(Target.fromBits(header.bits() & 0xffffffffL).isMetBy(header.hash())).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"79", "81", "0"})
    void parseWantsExactly80Bytes(int size) {
        assertThatThrownBy(() -> BlockHeader.parse(new byte[size])).hasMessageContaining("80 bytes");
    }

    private static byte[] internal(String displayHex) {
        return Bytes.reversed(Hex.decode(displayHex));
    }
}
