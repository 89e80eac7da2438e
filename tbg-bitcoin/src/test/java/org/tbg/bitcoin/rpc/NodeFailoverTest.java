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

/** Failover rules against loopback stubs; the same against real bcoin nodes is NodeFailoverIT. */
@Timeout(30)
class NodeFailoverTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Reply DOWN = new Reply(503, "Service Unavailable");

    private StubRpcServer a;
    private StubRpcServer b;
    private StubRpcServer c;
    private final List<String> switches = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        a = new StubRpcServer();
        b = new StubRpcServer();
        c = new StubRpcServer();
        a.answer(r -> Reply.result("\"a\""));
        b.answer(r -> Reply.result("\"b\""));
        c.answer(r -> Reply.result("\"c\""));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        c.close();
    }

    private NodeFailover failover(Duration recovery, StubRpcServer... servers) {
        List<NodeEndpoint> nodes = java.util.Arrays.stream(servers).map(s -> s.endpoint("u", "p")).toList();
        NodeFailover f = new NodeFailover(nodes, TIMEOUT, recovery);
        f.onSwitch((from, to) -> switches.add(from + "->" + to));
        return f;
    }

    private static String name(StubRpcServer s) {
        return "127.0.0.1:" + s.port();
    }

    @Test
    void usesTheFirstNodeWhileItAnswers() throws Exception {
        try (NodeFailover f = failover(Duration.ofSeconds(5), a, b)) {
            assertThat(f.anyUp()).isFalse();
            assertThat(f.call("getblockcount").asText()).isEqualTo("a");
            assertThat(f.current().name()).isEqualTo(name(a));
            assertThat(f.anyUp()).isTrue();
            assertThat(b.requests()).isEmpty();
            assertThat(switches).isEmpty();
        }
    }

    @Test
    void transportErrorMovesToTheNextNode() throws Exception {
        a.answer(r -> DOWN);
        try (NodeFailover f = failover(Duration.ofSeconds(5), a, b)) {
            assertThat(f.call("getblockcount").asText()).isEqualTo("b");
            assertThat(f.current().name()).isEqualTo(name(b));
            assertThat(switches).containsExactly(name(a) + "->" + name(b));

            // Stays on b: the next call does not try a first.
            assertThat(f.call("getblockcount").asText()).isEqualTo("b");
            assertThat(a.requests()).hasSize(1);
        }
    }

    @Test
    void rpcErrorIsReturnedWithoutFailover() {
        a.answer(r -> new Reply(200, "{\"result\":null,\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":1}"));
        try (NodeFailover f = failover(Duration.ofSeconds(5), a, b)) {
            assertThatThrownBy(() -> f.call("nosuch"))
                    .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-32601));
            assertThat(f.current().name()).isEqualTo(name(a));
            assertThat(f.anyUp()).isTrue();
            assertThat(b.requests()).isEmpty();
        }
    }

    @Test
    void eachNodeIsTriedOncePerCallAndTheLastErrorIsThrown() {
        a.answer(r -> DOWN);
        b.answer(r -> new Reply(502, "bad gateway"));
        try (NodeFailover f = failover(Duration.ofSeconds(5), a, b)) {
            assertThatThrownBy(() -> f.call("getblockcount"))
                    .isInstanceOf(RpcTransportException.class)
                    .hasMessageContaining(name(b))
                    .hasMessageContaining("502");
            assertThat(a.requests()).hasSize(1);
            assertThat(b.requests()).hasSize(1);
            assertThat(f.anyUp()).isFalse();
        }
    }

    @Test
    void wrapsAroundToHigherPriorityNodesWhenLowerOnesFail() throws Exception {
        a.answer(r -> DOWN);
        try (NodeFailover f = failover(Duration.ofHours(1), a, b, c)) {
            f.call("getblockcount");
            assertThat(f.current().name()).isEqualTo(name(b));

            b.answer(r -> DOWN);
            a.answer(r -> Reply.result("\"a\""));
            // b fails, c answers: the call moves down the list before it wraps.
            assertThat(f.call("getblockcount").asText()).isEqualTo("c");

            c.answer(r -> DOWN);
            assertThat(f.call("getblockcount").asText()).isEqualTo("a");
            assertThat(f.current().name()).isEqualTo(name(a));
            assertThat(switches).containsExactly(
                    name(a) + "->" + name(b), name(b) + "->" + name(c), name(c) + "->" + name(a));
        }
    }

    @Test
    void higherPriorityNodeIsNotRetriedBeforeTheInterval() throws Exception {
        a.answer(r -> DOWN);
        try (NodeFailover f = failover(Duration.ofHours(1), a, b)) {
            f.call("getblockcount");
            a.answer(r -> Reply.result("\"a\""));
            for (int i = 0; i < 20; i++) {
                assertThat(f.call("getblockcount").asText()).isEqualTo("b");
            }
            Thread.sleep(200);
            assertThat(a.requests()).hasSize(1);
            assertThat(f.current().name()).isEqualTo(name(b));
        }
    }

    @Test
    void higherPriorityNodeBecomesCurrentAgainWhenItAnswers() throws Exception {
        Duration interval = Duration.ofMillis(300);
        a.answer(r -> DOWN);
        try (NodeFailover f = failover(interval, a, b)) {
            f.call("getblockcount");
            long switchedAway = System.nanoTime();
            a.answer(r -> Reply.result("\"a\""));

            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!f.current().name().equals(name(a)) && System.nanoTime() < deadline) {
                f.call("getblockcount");
                Thread.sleep(20);
            }

            assertThat(f.current().name()).isEqualTo(name(a));
            assertThat(Duration.ofNanos(System.nanoTime() - switchedAway)).isGreaterThanOrEqualTo(interval);
            assertThat(switches).containsExactly(name(a) + "->" + name(b), name(b) + "->" + name(a));
            // The probe is a cheap call, not a repeat of the caller's request.
            assertThat(a.requests().get(a.requests().size() - 1).body().get("method").asText()).isEqualTo("getblockcount");
            assertThat(f.call("getblockcount").asText()).isEqualTo("a");
        }
    }

    @Test
    void needsAtLeastOneNode() {
        assertThatThrownBy(() -> new NodeFailover(List.of(), TIMEOUT)).isInstanceOf(IllegalArgumentException.class);
    }
}
