package org.tbg.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bitcoinj.params.RegTestParams;
import org.junit.jupiter.api.Test;

class ChainInfoTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void parsesBcoinAnswerWithoutInitialBlockDownload() throws Exception {
        ChainInfo info = ChainInfo.fromJson(MAPPER.readTree(BcoinSamples.BLOCKCHAIN_INFO_FRESH));

        assertThat(info.chain()).isEqualTo("regtest");
        assertThat(info.blocks()).isZero();
        assertThat(info.bestBlockHash()).isEqualTo(RegTestParams.get().getGenesisBlock().getHashAsString());
        // Regtest's 0x207fffff target in pdiff: 0xffff·2^208 / (0x7fffff·2^232) ≈ 4.66e-10.
        assertThat(info.difficulty()).isBetween(4.6565e-10, 4.6566e-10);
        assertThat(info.initialBlockDownload()).isFalse();
    }

    @Test
    void readsInitialBlockDownloadWhenPresent() throws Exception {
        ObjectNode json = (ObjectNode) MAPPER.readTree(BcoinSamples.BLOCKCHAIN_INFO_FRESH);
        json.put("initialblockdownload", true);

        assertThat(ChainInfo.fromJson(json).initialBlockDownload()).isTrue();
    }

    @Test
    void namesMissingField() throws Exception {
        for (String field : new String[] {"chain", "blocks", "bestblockhash", "difficulty"}) {
            ObjectNode json = (ObjectNode) MAPPER.readTree(BcoinSamples.BLOCKCHAIN_INFO_FRESH);
            json.remove(field);
            assertThatThrownBy(() -> ChainInfo.fromJson(json))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + field + "'");
        }
    }
}
