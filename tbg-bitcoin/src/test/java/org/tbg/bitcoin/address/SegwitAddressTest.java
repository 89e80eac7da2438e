package org.tbg.bitcoin.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tbg.bitcoin.encoding.Hex;

/** BIP350's segwit address vectors (which supersede BIP173's for v1+), and BIP173's that still apply. */
class SegwitAddressTest {

    @ParameterizedTest
    @CsvSource({
            "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4, 0014751e76e8199196d454941c45d1b3a323f1433bd6",
            "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7, 00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262",
            "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y, 5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6",
            "BC1SW50QGDZ25J, 6002751e",
            "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs, 5210751e76e8199196d454941c45d1b3a323",
            "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy, 0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
            "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c, 5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0, 512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"})
    void bip350ValidAddresses(String address, String scriptPubKeyHex) {
        String hrp = address.toLowerCase(Locale.ROOT).startsWith("bc1") ? "bc" : "tb";
        SegwitAddress decoded = SegwitAddress.decode(hrp, address);
        assertThat(Hex.encode(scriptPubKey(decoded))).isEqualTo(scriptPubKeyHex);
        assertThat(decoded.toAddress()).isEqualTo(address.toLowerCase(Locale.ROOT));
        assertThat(SegwitAddress.encode(hrp, decoded.version(), decoded.program()))
                .isEqualTo(address.toLowerCase(Locale.ROOT));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // BIP350
            "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut | wrong hrp",                // invalid HRP
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd | must use bech32m",         // bech32 for v1
            "tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf | must use bech32m",         // bech32 for v2
            "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL | must use bech32m",         // bech32 for v16
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh | must use bech32",                              // bech32m for v0
            "tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47 | must use bech32",         // bech32m for v0
            "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4 | invalid data character",  // in checksum
            "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R | invalid witness version",
            "bc1pw5dgrnzv | invalid program length 1",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav | invalid program length 41",
            "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P | for witness v0",
            "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq | mixed case",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf | leftover bits",         // padding > 4 bits
            "tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j | non-zero",              // padding not zero
            "bc1gmk9yu | empty data",
            // BIP173 (those not repeated above)
            "tc1qw508d6qejxtdg4y5r3zarvary0c5xw7kg3g4ty | wrong hrp",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5 | bad checksum",
            "BC13W508D6QEJXTDG4Y5R3ZARVARY0C5XW7KN40WF2 | invalid witness version",
            "bc1rw5uspcuh | invalid program length 1",
            "bc10w508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kw5rljs90 | invalid program length 41",
            "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7 | mixed case",
            "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du | leftover bits",
            "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv | non-zero"})
    void invalidAddresses(String address, String reason) {
        // BIP350's reference test: invalid under both mainnet and testnet HRPs.
        for (String hrp : new String[] {"bc", "tb"}) {
            assertThatThrownBy(() -> SegwitAddress.decode(hrp, address)).as(address + " for " + hrp)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        String ownHrp = address.toLowerCase(Locale.ROOT).startsWith("tb") ? "tb" : "bc";
        assertThatThrownBy(() -> SegwitAddress.decode(ownHrp, address)).hasMessageContaining(reason);
    }

    @ParameterizedTest
    @CsvSource({
            // BIP173 vectors for v1+ that BIP350 invalidated: still valid bech32 strings, no longer addresses.
            "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx",
            "BC1SW50QA3JX3S",
            "bc1zw508d6qejxtdg4y5r3zarvaryvg6kdaj"})
    void bip173V1PlusAddressesAreRejectedAfterBip350(String address) {
        assertThatThrownBy(() -> SegwitAddress.decode("bc", address)).hasMessageContaining("must use bech32m");
    }

    @Test
    void encodeRejectsWhatDecodeWould() {
        assertThatThrownBy(() -> SegwitAddress.encode("bc", 0, new byte[21])).hasMessageContaining("20 or 32");
        assertThatThrownBy(() -> SegwitAddress.encode("bc", 17, new byte[32])).hasMessageContaining("version");
        assertThatThrownBy(() -> SegwitAddress.encode("bc", 1, new byte[41])).hasMessageContaining("2..40");
    }

    /** BIP141: OP_n (0x00 or 0x50+n) followed by a direct push of the program. */
    private static byte[] scriptPubKey(SegwitAddress a) {
        byte[] program = a.program();
        byte[] script = new byte[2 + program.length];
        script[0] = (byte) (a.version() == 0 ? 0 : 0x50 + a.version());
        script[1] = (byte) program.length;
        System.arraycopy(program, 0, script, 2, program.length);
        return script;
    }
}
