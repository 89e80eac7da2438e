package org.tbg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.bitcoin.rpc.JsonRpcClient;
import org.tbg.bitcoin.rpc.RpcTransportException;

@Timeout(180)
class BcoinNodeIT {

    @Test
    void startsAnEmptyRegtestChainOnLoopback() throws Exception {
        try (BcoinNode node = BcoinNode.start()) {
            JsonNode info = node.rpc().call("getblockchaininfo");

            assertThat(info.get("chain").asText()).isEqualTo("regtest");
            assertThat(info.get("blocks").asLong()).isZero();
            assertThat(node.endpoint().url().getHost()).isEqualTo("127.0.0.1");
            assertThat(node.endpoint().url().getPort()).isEqualTo(node.port());
            assertThat(node.logFile()).exists();
        }
    }

    @Test
    void rejectsAWrongApiKey() throws Exception {
        try (BcoinNode node = BcoinNode.start();
                JsonRpcClient wrong = new JsonRpcClient(
                        org.tbg.bitcoin.rpc.NodeEndpoint.of("127.0.0.1:" + node.port(), "tbg", "not-the-key"), Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> wrong.call("getblockcount"))
                    .isInstanceOf(RpcTransportException.class)
                    .hasMessageContaining("401");
        }
    }

    @Test
    void anyoneCanSpendAddressIsP2wshOfOpTrue() throws Exception {
        try (BcoinNode node = BcoinNode.start()) {
            JsonNode v = node.rpc().call("validateaddress", BcoinChain.ANYONE_CAN_SPEND_ADDRESS);

            assertThat(v.get("isvalid").asBoolean()).isTrue();
            // BIP141 P2WSH: OP_0 PUSH32 sha256(witness script); the witness script is OP_TRUE.
            String expected = "0020" + Hex.encode(Sha256d.sha256(new byte[] {0x51}));
            assertThat(v.get("scriptPubKey").asText()).isEqualTo(expected);
        }
    }

    @Test
    void chainHelpersMineAndReadBlocks() throws Exception {
        try (BcoinNode node = BcoinNode.start()) {
            BcoinChain chain = BcoinChain.of(node);

            List<String> hashes = chain.generateToAddress(3, BcoinChain.ANYONE_CAN_SPEND_ADDRESS);

            assertThat(hashes).hasSize(3);
            assertThat(chain.height()).isEqualTo(3);
            JsonNode block = chain.blockAt(2);
            assertThat(block.get("hash").asText()).isEqualTo(hashes.get(1));
            assertThat(block.get("height").asLong()).isEqualTo(2);
            JsonNode coinbaseOut = block.get("tx").get(0).get("vout").get(0);
            assertThat(coinbaseOut.get("value").asDouble()).isEqualTo(50.0);
            assertThat(coinbaseOut.get("scriptPubKey").get("addresses").get(0).asText())
                    .isEqualTo(BcoinChain.ANYONE_CAN_SPEND_ADDRESS);
        }
    }

    @Test
    void killRestartPauseAndResume() throws Exception {
        try (BcoinNode node = BcoinNode.start()) {
            BcoinChain chain = BcoinChain.of(node);
            chain.generateToAddress(2, BcoinChain.ANYONE_CAN_SPEND_ADDRESS);

            node.kill();
            assertThat(node.isRunning()).isFalse();
            assertThatThrownBy(() -> node.rpc().call("getblockcount"))
                    .isInstanceOf(RpcTransportException.class)
                    .hasMessageContaining("connection refused");

            node.restart();
            assertThat(node.isRunning()).isTrue();
            // In memory: the restarted node starts again at genesis, on the same port and key.
            assertThat(chain.height()).isZero();

            node.pause();
            try (JsonRpcClient quick = new JsonRpcClient(node.endpoint(), Duration.ofMillis(500))) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> quick.call("getblockcount"))
                        .isInstanceOf(RpcTransportException.class)
                        .hasMessageContaining("no response within 500 ms");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            } finally {
                node.resume();
            }
            assertThat(chain.height()).isZero();
        }
    }

    @Test
    void closeLeavesNothingListening() throws Exception {
        BcoinNode node = BcoinNode.start();
        long pid = node.pid();
        assertThat(ProcessHandle.current().descendants().map(ProcessHandle::pid)).contains(pid);
        node.close();

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        try (Socket s = new Socket()) {
            assertThatThrownBy(() -> s.connect(new InetSocketAddress("127.0.0.1", node.port()), 1000))
                    .isInstanceOf(java.net.ConnectException.class);
        }
    }
}
