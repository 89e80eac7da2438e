package org.tbg.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.target.Target;
import org.tbg.testkit.BcoinChain;
import org.tbg.testkit.BcoinNode;

/**
 * JsonRpcClient against a real bcoin node. Also records what bcoin answers to the calls the pool
 * depends on (submitblock, validateaddress), so a change in the node shows up here.
 */
@Timeout(120)
class JsonRpcClientIT {
    private static BcoinNode node;
    private static JsonRpcClient client;

    @BeforeAll
    static void startNode() {
        node = BcoinNode.start();
        client = new JsonRpcClient(node.endpoint(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stopNode() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void blockchainInfo() throws Exception {
        ChainInfo info = ChainInfo.fromJson(client.call("getblockchaininfo"));

        assertThat(info.chain()).isEqualTo("regtest");
        assertThat(info.bestBlockHash()).isEqualTo(client.call("getbestblockhash").asText());
        assertThat(info.blocks()).isEqualTo(client.call("getblockcount").asLong());
    }

    @Test
    void segwitTemplateParsesAndCarriesAWitnessCommitment() throws Exception {
        JsonNode json = client.call("getblocktemplate", Map.of("rules", List.of("segwit")));
        ChainInfo info = ChainInfo.fromJson(client.call("getblockchaininfo"));

        assertThat(json.hasNonNull("default_witness_commitment")).isTrue();
        BlockTemplate t = BlockTemplate.fromJson(json);
        assertThat(Hex.encode(t.defaultWitnessCommitment())).startsWith("6a24aa21a9ed").hasSize(2 * 38);
        assertThat(t.height()).isEqualTo(info.blocks() + 1);
        assertThat(Hex.encode(Bytes.reversed(t.previousBlockHash()))).isEqualTo(info.bestBlockHash());
        assertThat(t.target()).isEqualTo(Target.fromBits(t.bits()));
        assertThat(t.bits()).isEqualTo(0x207fffffL);
        assertThat(t.curTime()).isGreaterThanOrEqualTo(t.minTime());
    }

    @Test
    void unknownMethodIsAnRpcErrorWithItsCode() {
        assertThatThrownBy(() -> client.call("nosuchmethod"))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo(-32601);
                    assertThat(e.nodeMessage()).contains("nosuchmethod");
                });
    }

    @Test
    void submitblockOfGarbageHexIsAnRpcError() {
        // bcoin cannot even parse it: error -22 ("Out of bounds read"), not a "rejected" result.
        assertThatThrownBy(() -> client.call("submitblock", "deadbeef"))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-22));
        // Not hex at all: a parameter type error.
        assertThatThrownBy(() -> client.call("submitblock", "xyz"))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-3));
    }

    @Test
    void submitblockOfAnInvalidBlockIsARejectedResult() throws Exception {
        BcoinChain chain = new BcoinChain(client);
        String hash = chain.generateToAddress(1, BcoinChain.ANYONE_CAN_SPEND_ADDRESS).get(0);
        byte[] raw = Hex.decode(client.call("getblock", hash, false).asText());

        // Resubmitting an accepted block.
        JsonNode duplicate = client.call("submitblock", Hex.encode(raw));
        // Flipping a merkle-root bit: the header no longer commits to the transactions (or the
        // changed header misses the target, whichever bcoin checks first).
        raw[36] ^= 1;
        JsonNode badRoot = client.call("submitblock", Hex.encode(raw));

        assertThat(duplicate.asText()).isEqualTo("rejected: duplicate");
        assertThat(badRoot.asText()).isIn("rejected: bad-txnmrklroot", "rejected: high-hash");
    }

    @Test
    void submitblockOfAValidBlockReturnsNull() throws Exception {
        // A block mined by another node on the same (regtest genesis) chain is valid here.
        try (BcoinNode other = BcoinNode.start()) {
            String hash = new BcoinChain(other.rpc()).generateToAddress(1, BcoinChain.ANYONE_CAN_SPEND_ADDRESS).get(0);
            String raw = other.rpc().call("getblock", hash, false).asText();
            long before = client.call("getblockcount").asLong();
            if (before > 0) {
                // This class's node may have mined already; a competing block at height 1 is then
                // a valid side-chain block, still accepted with null, but not the tip.
                assertThat(client.call("submitblock", raw).isNull()).isTrue();
                return;
            }

            assertThat(client.call("submitblock", raw).isNull()).isTrue();
            assertThat(client.call("getbestblockhash").asText()).isEqualTo(hash);
        }
    }

    @Test
    void validateaddressOfBcoinRegtestAddresses() throws Exception {
        JsonNode bech32 = client.call("validateaddress", "rb1qzyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg328fddy");
        assertThat(bech32.get("isvalid").asBoolean()).isTrue();
        assertThat(bech32.get("scriptPubKey").asText()).isEqualTo("0014" + "11".repeat(20));

        // bcoin 1.0.2's regtest base58 version byte differs from Core's: P2PKH starts with R.
        JsonNode base58 = client.call("validateaddress", "RAqS1bAuWqW2f6ufsU5H4XpKfy5Pqj2oHz");
        assertThat(base58.get("isvalid").asBoolean()).isTrue();
        assertThat(base58.get("scriptPubKey").asText()).isEqualTo("76a914" + "11".repeat(20) + "88ac");

        // Core's regtest HRP is not bcoin's: an answer, not an error.
        JsonNode core = client.call("validateaddress", "bcrt1qzyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3hmzr5g");
        assertThat(core.get("isvalid").asBoolean()).isFalse();
        assertThat(core.has("scriptPubKey")).isFalse();
    }

    @Test
    void survivesTheNodeClosingAnIdleKeepAliveConnection() throws Exception {
        client.call("getblockcount");
        // bcoin closes idle connections after 5 s (Keep-Alive: timeout=5).
        Thread.sleep(5_500);

        assertThat(client.call("getblockcount").isIntegralNumber()).isTrue();
    }

    @Test
    void concurrentCallsShareOneClient() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<JsonNode>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> client.call("getblockchaininfo")));
            }
            for (Future<JsonNode> r : results) {
                assertThat(r.get(30, TimeUnit.SECONDS).get("chain").asText()).isEqualTo("regtest");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
