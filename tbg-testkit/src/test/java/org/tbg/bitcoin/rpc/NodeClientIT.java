package org.tbg.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.testkit.BcoinChain;
import org.tbg.testkit.BcoinNode;

/** NodeClient's typed calls against a real bcoin node with a few mined blocks. */
@Timeout(120)
class NodeClientIT {
    private static BcoinNode node;
    private static NodeFailover failover;
    private static NodeClient client;
    private static List<String> mined;

    @BeforeAll
    static void start() {
        node = BcoinNode.start();
        mined = BcoinChain.of(node).generateToAddress(3, BcoinChain.ANYONE_CAN_SPEND_ADDRESS);
        failover = new NodeFailover(List.of(node.endpoint()), Duration.ofSeconds(10));
        client = new NodeClient(failover);
    }

    @AfterAll
    static void stop() {
        if (failover != null) {
            failover.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void chainQueries() throws Exception {
        ChainInfo info = client.blockchainInfo();

        assertThat(info.blocks()).isEqualTo(3);
        assertThat(client.blockCount()).isEqualTo(3);
        assertThat(client.bestBlockHash()).isEqualTo(mined.get(2)).isEqualTo(info.bestBlockHash());
        assertThat(client.blockHash(1)).isEqualTo(mined.get(0));
    }

    @Test
    void blockTemplateBuildsOnTheTip() throws Exception {
        BlockTemplate t = client.blockTemplate(List.of("segwit"));

        assertThat(t.height()).isEqualTo(4);
        assertThat(Hex.encode(Bytes.reversed(t.previousBlockHash()))).isEqualTo(mined.get(2));
        assertThat(t.defaultWitnessCommitment()).isNotNull();
        assertThat(t.coinbaseValue()).isEqualTo(50_0000_0000L);
    }

    @Test
    void blockAtEachVerbosity() throws Exception {
        String hash = mined.get(1);

        JsonNode raw = client.block(hash, 0);
        JsonNode withTxids = client.block(hash, 1);
        JsonNode withTxs = client.block(hash, 2);

        // Verbosity 0: the serialized block; its header's SHA-256d is the block hash.
        byte[] bytes = Hex.decode(raw.asText());
        assertThat(Hex.encode(Bytes.reversed(Sha256d.of(bytes, 0, 80)))).isEqualTo(hash);
        // Verbosity 1: txids as strings; 2: decoded transactions.
        assertThat(withTxids.get("tx").get(0).isTextual()).isTrue();
        assertThat(withTxs.get("tx").get(0).get("txid").asText()).isEqualTo(withTxids.get("tx").get(0).asText());
        assertThat(withTxs.get("height").asLong()).isEqualTo(2);
    }

    @Test
    void validateAddressGivesTheScript() throws Exception {
        JsonNode v = client.validateAddress(BcoinChain.ANYONE_CAN_SPEND_ADDRESS);

        assertThat(v.get("isvalid").asBoolean()).isTrue();
        assertThat(v.get("scriptPubKey").asText()).startsWith("0020").hasSize(68);
        assertThat(client.validateAddress("not-an-address").get("isvalid").asBoolean()).isFalse();
    }
}
