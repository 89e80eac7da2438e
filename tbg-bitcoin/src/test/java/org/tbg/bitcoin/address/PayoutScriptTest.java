package org.tbg.bitcoin.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.tbg.bitcoin.encoding.Hex;

class PayoutScriptTest {

    @ParameterizedTest
    @CsvSource({
            // scripts from Bitcoin Core's key_io_valid.json
            "76a914a31c06bd463e3923bc1aadbde48b16976c08071788ac, P2PKH, p2pkh",
            "a914373b819a068f32b7a6b38b6b38729647cfde01c287, P2SH, p2sh",
            "00146100fc6343edc8c874496cb2f5bbfec88ea9b77c, P2WPKH, p2wpkh",
            "002027304b37f70e94bc8a0fbf500e0c957a80ebda87280ef58214d92f119811acdc, P2WSH, p2wsh",
            "51203c671ef1e3913f94980a9e146ba895908550ef4234abb7503d436521aba54c75, P2TR, p2tr"})
    void classifiesStandardScripts(String hex, AddressType type, String label) {
        PayoutScript script = PayoutScript.fromScript(Hex.decode(hex));
        assertThat(script.type()).isEqualTo(type);
        assertThat(script.type().label()).isEqualTo(label);
        assertThat(Hex.encode(script.script())).isEqualTo(hex);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "520250ed",                                                  // witness v2 (key_io)
            "6a24aa21a9ed0000000000000000000000000000000000000000000000000000000000000000", // OP_RETURN
            "76a914a31c06bd463e3923bc1aadbde48b16976c08071788", // P2PKH without OP_CHECKSIG
            "0015751e76e8199196d454941c45d1b3a323f1433bd600",   // v0 with 21-byte program
            "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6", // v1, 40 bytes
            "410411db93e1dcdb8a016b49840f8c53bc1eb68a382e97b1482ecad7b148a6909a5cb2e0eaddfb84ccf9744464f82e160bfa9b8b64f9d4c03f999b8643f656b412a3ac"}) // P2PK
    void rejectsEverythingElse(String hex) {
        assertThatThrownBy(() -> PayoutScript.fromScript(Hex.decode(hex)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a standard payout script");
    }

    @Test
    void equalsAndHashesByContent() {
        byte[] bytes = Hex.decode("00146100fc6343edc8c874496cb2f5bbfec88ea9b77c");
        PayoutScript a = PayoutScript.fromScript(bytes);
        PayoutScript b = PayoutScript.fromScript(bytes.clone());
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        Set<PayoutScript> cache = new HashSet<>();
        cache.add(a);
        assertThat(cache).contains(b);
        assertThat(a).isNotEqualTo(PayoutScript.fromScript(Hex.decode("0014" + "00".repeat(20))));
    }

    @Test
    void isImmutable() {
        byte[] bytes = Hex.decode("00146100fc6343edc8c874496cb2f5bbfec88ea9b77c");
        PayoutScript script = PayoutScript.fromScript(bytes);
        bytes[2] = 0;
        script.script()[3] = 0;
        assertThat(Hex.encode(script.script())).isEqualTo("00146100fc6343edc8c874496cb2f5bbfec88ea9b77c");
    }

    @Test
    void buildsScriptsFromHashes() {
        byte[] h = Hex.decode("751e76e8199196d454941c45d1b3a323f1433bd6");
        assertThat(Hex.encode(PayoutScript.p2pkh(h).script())).isEqualTo("76a914" + Hex.encode(h) + "88ac");
        assertThat(Hex.encode(PayoutScript.p2sh(h).script())).isEqualTo("a914" + Hex.encode(h) + "87");
        assertThat(Hex.encode(PayoutScript.witness(0, h).script())).isEqualTo("0014" + Hex.encode(h));
        assertThatThrownBy(() -> PayoutScript.witness(2, new byte[32])).hasMessageContaining("no payout type");
        assertThatThrownBy(() -> new PayoutScript(AddressType.P2SH, PayoutScript.p2pkh(h).script()))
                .hasMessageContaining("is not p2sh");
    }
}
