package org.tbg.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.rpc.StubRpcServer.Reply;

/** Every call a client makes reaches its {@link RpcCallListener} once, answered or not, with its real duration. */
@Timeout(30)
class RpcCallListenerTest {
    private record Call(String node, String method, long nanos) {}

    private StubRpcServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = new StubRpcServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void anAnsweredCallIsReportedOnceWithItsNodeMethodAndDuration() throws Exception {
        server.answer(r -> {
            Thread.sleep(50);
            return Reply.result("7");
        });
        try (JsonRpcClient client = new JsonRpcClient(server.endpoint("u", "p"), Duration.ofSeconds(5))) {
            client.callListener((node, method, nanos) -> calls.add(new Call(node, method, nanos)));
            long started = System.nanoTime();
            client.call("getblockcount");
            long elapsed = System.nanoTime() - started;

            assertThat(calls).hasSize(1);
            Call c = calls.get(0);
            assertThat(c.node()).isEqualTo(client.endpoint().name()).doesNotContain("p@");
            assertThat(c.method()).isEqualTo("getblockcount");
            assertThat(c.nanos()).isBetween(Duration.ofMillis(50).toNanos(), elapsed);
        }
    }

    @Test
    void errorsAndTimeoutsAreReportedToo() throws Exception {
        server.answer(r -> new Reply(200, "{\"result\":null,\"error\":{\"code\":-8,\"message\":\"bad\"},\"id\":1}"));
        try (JsonRpcClient client = new JsonRpcClient(server.endpoint("u", "p"), Duration.ofMillis(300))) {
            client.callListener((node, method, nanos) -> calls.add(new Call(node, method, nanos)));
            assertThatThrownBy(() -> client.call("getblockhash", 99)).isInstanceOf(RpcErrorException.class);

            server.answer(r -> {
                Thread.sleep(2_000);
                return Reply.result("null");
            });
            assertThatThrownBy(() -> client.call("getblocktemplate")).isInstanceOf(RpcTransportException.class);

            assertThat(calls).extracting(Call::method).containsExactly("getblockhash", "getblocktemplate");
            assertThat(calls.get(1).nanos()).isGreaterThanOrEqualTo(Duration.ofMillis(300).toNanos());
        }
    }

    @Test
    void aFailoverSetsTheListenerOnEveryNode() throws Exception {
        server.answer(r -> Reply.result("1"));
        NodeEndpoint down = NodeEndpoint.of("127.0.0.1:1", "u", "p");
        try (NodeFailover nodes = new NodeFailover(List.of(down, server.endpoint("u", "p")), Duration.ofSeconds(2))) {
            nodes.callListener((node, method, nanos) -> calls.add(new Call(node, method, nanos)));
            nodes.call("getblockcount");

            assertThat(calls).extracting(Call::node).containsExactly(down.name(), server.endpoint("u", "p").name());
        }
    }
}
