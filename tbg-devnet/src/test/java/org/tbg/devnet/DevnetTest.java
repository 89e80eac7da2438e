package org.tbg.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.rpc.JsonRpcClient;
import org.tbg.bitcoin.rpc.RpcTransportException;
import org.tbg.devnet.chain.CompactBits;
import org.tbg.devnet.chain.RegtestGenesis;

@Timeout(60)
class DevnetTest {
    @Test
    void startsOnAFreePortAndAnswersThePoolsClient() throws Exception {
        try (Devnet devnet = new Devnet(DevnetOptions.defaults()).start();
             JsonRpcClient client = new JsonRpcClient(devnet.endpoint(), Duration.ofSeconds(10))) {
            assertThat(devnet.rpcPort()).isPositive();
            assertThat(client.call("getbestblockhash").asText()).isEqualTo(RegtestGenesis.HASH_HEX);
        }
    }

    @Test
    void lifecycle() {
        Devnet devnet = new Devnet(DevnetOptions.defaults());
        assertThatThrownBy(devnet::rpcPort).isInstanceOf(IllegalStateException.class);
        devnet.start();
        assertThatThrownBy(devnet::start).isInstanceOf(IllegalStateException.class);
        devnet.close();
        devnet.close(); // idempotent
        assertThatThrownBy(devnet::start).isInstanceOf(IllegalStateException.class);
        assertThat(devnet.chain().height()).as("the chain outlives the servers").isZero();
    }

    @Test
    void closedDevnetRefusesConnections() throws Exception {
        Devnet devnet = new Devnet(DevnetOptions.defaults()).start();
        try (JsonRpcClient client = new JsonRpcClient(devnet.endpoint(), Duration.ofSeconds(5))) {
            devnet.close();
            assertThatThrownBy(() -> client.call("getblockcount")).isInstanceOf(RpcTransportException.class);
        }
    }

    @Test
    void aTakenPortFailsTheStart() {
        try (Devnet first = new Devnet(DevnetOptions.defaults()).start()) {
            Devnet second = new Devnet(DevnetOptions.builder().rpcPort(first.rpcPort()).build());
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("bind");
        }
    }

    @Test
    void optionsAreValidatedWhereTheyAreSet() {
        DevnetOptions.Builder b = DevnetOptions.builder();
        assertThatThrownBy(() -> b.rpcPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.bits(0x2100ffff)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.mempoolSize(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.feeRates(10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.witnessShare(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.rpcCredentials("a:b", "c")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void difficultySetsTheBitsEveryBlockMustCarry() {
        DevnetOptions options = DevnetOptions.builder().difficulty(1.0).rpcCredentials("u", "topsecret").build();
        assertThat(options.bits()).isEqualTo(0x1d00ffff).isEqualTo(CompactBits.forDifficulty(1.0));
        assertThat(new Devnet(options).chain().bits()).isEqualTo(0x1d00ffff);
        assertThat(options.toString()).doesNotContain("topsecret");
    }
}
