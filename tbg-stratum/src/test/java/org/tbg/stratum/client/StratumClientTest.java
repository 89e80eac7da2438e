package org.tbg.stratum.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.testing.FakeStratumServer;

@Timeout(30)
class StratumClientTest {
    private static final String PREV = "4d16b6f85af6e2198f44ae2a6de67f78487ae5611b77c6c0440b921e00000000";

    /** Records every listener call as a short string. */
    private static final class Recorder implements StratumClient.Listener {
        final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public void onSetDifficulty(double difficulty) {
            events.add("diff " + difficulty);
        }

        @Override
        public void onNotify(NotifyJob job) {
            events.add(job);
        }

        @Override
        public void onReconnect(String host, Integer port, Integer waitSeconds) {
            events.add("reconnect " + host + " " + port + " " + waitSeconds);
        }

        @Override
        public void onShowMessage(String text) {
            events.add("message " + text);
        }

        @Override
        public void onClose() {
            closes.incrementAndGet();
            events.add("closed");
        }

        Object next() throws InterruptedException {
            Object e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).as("listener event").isNotNull();
            return e;
        }
    }

    private FakeStratumServer server;
    private StratumClient client;

    @AfterEach
    void tearDown() throws Exception {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void responsesAreMatchedByIdEvenOutOfOrder() throws Exception {
        BlockingQueue<JsonNode> requests = new LinkedBlockingQueue<>();
        server = new FakeStratumServer((c, msg) -> {
            requests.add(msg);
            if (requests.size() == 2) { // answer the second first
                JsonNode first = requests.poll();
                JsonNode second = requests.poll();
                c.send("{\"id\":" + second.get("id") + ",\"result\":\"two\",\"error\":null}");
                c.send("{\"id\":" + first.get("id") + ",\"result\":false,\"error\":[23,\"Low difficulty share\",null],"
                        + "\"reject-reason\":\"Low difficulty share\"}");
            }
        });
        client = new StratumClient(new Recorder());
        get(client.connect("127.0.0.1", server.port()));
        assertThat(client.isConnected()).isTrue();

        CompletableFuture<JsonNode> a = client.request("mining.submit", "w", "1", "00", "00000000", "00000000");
        CompletableFuture<JsonNode> b = client.request("mining.configure", List.of("version-rolling"), Map.of("version-rolling.mask", "1fffe000"));
        JsonNode ra = get(a);
        JsonNode rb = get(b);
        assertThat(rb.get("result").textValue()).isEqualTo("two");
        assertThat(ra.get("result").booleanValue()).isFalse();
        assertThat(ra.get("error").get(0).intValue()).isEqualTo(23);
        assertThat(ra.get("reject-reason").textValue()).isEqualTo("Low difficulty share");

        List<JsonNode> sent = server.connections().get(0).received;
        assertThat(sent.get(0).get("id").asLong()).isLessThan(sent.get(1).get("id").asLong());
        assertThat(sent.get(0).get("method").textValue()).isEqualTo("mining.submit");
        assertThat(sent.get(0).get("params")).hasSize(5);
        assertThat(sent.get(1).get("params").get(0).get(0).textValue()).isEqualTo("version-rolling");
        assertThat(sent.get(1).get("params").get(1).get("version-rolling.mask").textValue()).isEqualTo("1fffe000");
    }

    @Test
    void paramsOfAnyJsonTypeAreEncoded() throws Exception {
        server = new FakeStratumServer((c, msg) -> c.send("{\"id\":" + msg.get("id") + ",\"result\":true,\"error\":null}"));
        client = new StratumClient(new Recorder());
        get(client.connect("127.0.0.1", server.port()));
        get(client.request("x", null, 1.5, true, "w\u00f6rker\n\"q\"", List.of(1, 2)));
        JsonNode p = server.connections().get(0).received.get(0).get("params");
        assertThat(p.get(0).isNull()).isTrue();
        assertThat(p.get(1).doubleValue()).isEqualTo(1.5);
        assertThat(p.get(2).booleanValue()).isTrue();
        assertThat(p.get(3).textValue()).isEqualTo("w\u00f6rker\n\"q\"");
        assertThat(p.get(4)).hasSize(2);
    }

    @Test
    void notificationsReachTheListenerAndMalformedOnesAreDropped() throws Exception {
        Recorder rec = new Recorder();
        server = new FakeStratumServer((c, msg) -> {
            c.send("{\"id\":null,\"method\":\"mining.set_difficulty\",\"params\":[0.5]}");
            c.send("not json at all");
            c.send("{\"id\":null,\"method\":\"mining.set_difficulty\",\"params\":[-1]}");
            c.send("{\"id\":null,\"method\":\"mining.set_difficulty\",\"params\":[\"2\"]}");
            c.send("{\"id\":null,\"method\":\"mining.notify\",\"params\":[\"bad\",\"00\"]}");
            c.send("{\"id\":null,\"method\":\"mining.notify\",\"params\":[\"j1\",\"" + PREV + "\",\"0100\",\"ffff\",[\""
                    + "ab".repeat(32) + "\"],\"20000000\",\"207fffff\",\"65a1b2c3\",true]}");
            c.send("{\"id\":null,\"method\":\"client.get_version\",\"params\":[]}");
            c.send("{\"id\":null,\"method\":\"client.reconnect\",\"params\":[\"eu.example\",\"3334\",0]}");
            c.send("{\"id\":null,\"method\":\"client.reconnect\",\"params\":[\"us.example\",3335]}");
            c.send("{\"id\":null,\"method\":\"client.reconnect\",\"params\":[]}");
            c.send("{\"id\":null,\"method\":\"client.show_message\",\"params\":[\"hello \\ud83d\\ude00\"]}");
            c.send("{\"id\":99,\"result\":true,\"error\":null}"); // answer to nothing we asked
        });
        client = new StratumClient(rec);
        get(client.connect("127.0.0.1", server.port()));
        client.request("mining.subscribe");

        assertThat(rec.next()).isEqualTo("diff 0.5");
        assertThat(rec.next()).isEqualTo("diff 2.0");
        assertThat(rec.next()).isEqualTo(new NotifyJob("j1", PREV, "0100", "ffff", List.of("ab".repeat(32)),
                "20000000", "207fffff", "65a1b2c3", true));
        assertThat(rec.next()).isEqualTo("reconnect eu.example 3334 0");
        assertThat(rec.next()).isEqualTo("reconnect us.example 3335 null");
        assertThat(rec.next()).isEqualTo("reconnect null null null");
        assertThat(rec.next()).isEqualTo("message hello \ud83d\ude00");
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void closeByThePoolFailsPendingRequestsAndReportsOnce() throws Exception {
        Recorder rec = new Recorder();
        server = new FakeStratumServer((c, msg) -> c.close());
        client = new StratumClient(rec);
        get(client.connect("127.0.0.1", server.port()));
        CompletableFuture<JsonNode> pending = client.request("mining.subscribe", "ua");

        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ClosedChannelException.class);
        assertThat(rec.next()).isEqualTo("closed");
        client.close();
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> rec.closes.get() == 1);
        assertThat(client.isConnected()).isFalse();

        CompletableFuture<JsonNode> after = client.request("mining.subscribe");
        assertThat(after).isCompletedExceptionally();
    }

    @Test
    void localCloseReportsOnce() throws Exception {
        Recorder rec = new Recorder();
        server = new FakeStratumServer((c, msg) -> {});
        client = new StratumClient(rec);
        get(client.connect("127.0.0.1", server.port()));
        client.close();
        assertThat(rec.next()).isEqualTo("closed");
        client.close();
        assertThat(rec.closes.get()).isEqualTo(1);
    }

    @Test
    void connectToAClosedPortFails() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        client = new StratumClient(new Recorder());
        CompletableFuture<Void> f = client.connect("127.0.0.1", port);
        assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(client.request("mining.subscribe")).isCompletedExceptionally();
    }

    @Test
    void closeWhenAnsweredWaitsForThePendingAnswersAndRefusesNewRequests() throws Exception {
        Recorder rec = new Recorder();
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        server = new FakeStratumServer((c, msg) -> {
            try {
                release.await(10, TimeUnit.SECONDS); // the answer comes only once the test says so
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            c.send("{\"id\":" + msg.get("id") + ",\"result\":true,\"error\":null}");
        });
        client = new StratumClient(rec);
        get(client.connect("127.0.0.1", server.port()));
        CompletableFuture<JsonNode> inFlight = client.request("mining.submit", "w", "1", "00", "00", "00");

        client.closeWhenAnswered(Duration.ofSeconds(5));
        assertThat(client.request("mining.submit", "w", "2", "00", "00", "00")).isCompletedExceptionally();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(client::isConnected);
        release.countDown();

        assertThat(inFlight.get(5, TimeUnit.SECONDS).get("result").asBoolean()).isTrue();
        assertThat(rec.next()).isEqualTo("closed");
        assertThat(client.isConnected()).isFalse();
    }

    @Test
    void closeWhenAnsweredGivesUpAfterTheWait() throws Exception {
        Recorder rec = new Recorder();
        server = new FakeStratumServer((c, msg) -> { }); // never answers
        client = new StratumClient(rec);
        get(client.connect("127.0.0.1", server.port()));
        CompletableFuture<JsonNode> unanswered = client.request("mining.submit", "w", "1", "00", "00", "00");
        long t0 = System.nanoTime();
        client.closeWhenAnswered(Duration.ofMillis(300));
        assertThat(rec.next()).isEqualTo("closed");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
        assertThat(unanswered).isCompletedExceptionally();
    }
}
