package org.tbg.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.testkit.BcoinNode;
import org.tbg.testkit.Ports;

/** NodeFailover against real bcoin nodes that are killed, restarted and paused. */
@Timeout(180)
class NodeFailoverIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final List<String> switches = new CopyOnWriteArrayList<>();

    private NodeFailover failover(Duration recovery, NodeEndpoint... nodes) {
        NodeFailover f = new NodeFailover(List.of(nodes), TIMEOUT, recovery);
        f.onSwitch((from, to) -> switches.add(from.name() + "->" + to.name()));
        return f;
    }

    @Test
    void skipsADeadNodeAndReportsTheLiveOneAsCurrent() throws Exception {
        NodeEndpoint dead = NodeEndpoint.of("127.0.0.1:" + Ports.freePort(), "tbg", "unused");
        try (BcoinNode live = BcoinNode.start();
                NodeFailover f = failover(NodeFailover.DEFAULT_RECOVERY_INTERVAL, dead, live.endpoint())) {

            assertThat(f.call("getblockchaininfo").get("chain").asText()).isEqualTo("regtest");
            assertThat(f.current()).isEqualTo(live.endpoint());
            assertThat(f.anyUp()).isTrue();
            assertThat(switches).containsExactly(dead.name() + "->" + live.endpoint().name());
        }
    }

    @Test
    void rpcErrorOfALiveNodeIsNotFailedOver() throws Exception {
        try (BcoinNode a = BcoinNode.start();
                BcoinNode b = BcoinNode.start();
                NodeFailover f = failover(NodeFailover.DEFAULT_RECOVERY_INTERVAL, a.endpoint(), b.endpoint())) {

            assertThatThrownBy(() -> f.call("nosuchmethod")).isInstanceOf(RpcErrorException.class);
            assertThat(f.current()).isEqualTo(a.endpoint());
            assertThat(switches).isEmpty();
        }
    }

    @Test
    void onlyNodeKilledIsATransportErrorWithinTheTimeoutAndRestartRecovers() throws Exception {
        try (BcoinNode node = BcoinNode.start();
                NodeFailover f = failover(NodeFailover.DEFAULT_RECOVERY_INTERVAL, node.endpoint())) {
            assertThat(f.call("getblockcount").asLong()).isZero();

            node.kill();
            long start = System.nanoTime();
            assertThatThrownBy(() -> f.call("getblockcount")).isInstanceOf(RpcTransportException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
            assertThat(f.anyUp()).isFalse();

            node.restart();
            assertThat(f.call("getblockcount").asLong()).isZero();
            assertThat(f.anyUp()).isTrue();
        }
    }

    @Test
    void pausedNodeTimesOutAndTheNextNodeAnswers() throws Exception {
        try (BcoinNode a = BcoinNode.start();
                BcoinNode b = BcoinNode.start();
                NodeFailover f = failover(Duration.ofHours(1), a.endpoint(), b.endpoint())) {
            a.pause();
            try {
                long start = System.nanoTime();
                assertThat(f.call("getblockcount").asLong()).isZero();
                Duration took = Duration.ofNanos(System.nanoTime() - start);

                // a hung node costs one timeout, then b answers
                assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(TIMEOUT.multipliedBy(3));
                assertThat(f.current()).isEqualTo(b.endpoint());
            } finally {
                a.resume();
            }
        }
    }

    @Test
    void returnsToTheHigherPriorityNodeAfterItRestarts() throws Exception {
        Duration recovery = Duration.ofSeconds(1);
        try (BcoinNode a = BcoinNode.start();
                BcoinNode b = BcoinNode.start();
                NodeFailover f = failover(recovery, a.endpoint(), b.endpoint())) {
            f.call("getblockcount");
            assertThat(f.current()).isEqualTo(a.endpoint());

            a.kill();
            f.call("getblockcount");
            assertThat(f.current()).isEqualTo(b.endpoint());

            a.restart();
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                f.call("getblockcount");
                return f.current().equals(a.endpoint());
            });

            assertThat(Duration.ofNanos(System.nanoTime() - restarted)).isLessThan(recovery.multipliedBy(5));
            assertThat(switches).containsExactly(
                    a.endpoint().name() + "->" + b.endpoint().name(),
                    b.endpoint().name() + "->" + a.endpoint().name());
        }
    }
}
