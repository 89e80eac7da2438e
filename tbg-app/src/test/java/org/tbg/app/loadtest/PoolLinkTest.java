package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.EventLoop;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.stratum.message.NotifyJob;

@Timeout(20)
class PoolLinkTest {
    private static final long REPLY_TIMEOUT_NANOS = Duration.ofMillis(300).toNanos();

    private final LoadTransport transport = LoadTransport.open(1);
    private final Events events = new Events();

    @AfterEach
    void shutDown() {
        transport.group().shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Test
    void repliesAreMatchedByIdWhateverTheirOrder() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            PoolLink link = link();
            link.connect("127.0.0.1", server.getLocalPort(), null).get(5, TimeUnit.SECONDS);
            try (Socket s = server.accept()) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                CompletableFuture<JsonNode> first = link.submit("w", share());
                CompletableFuture<JsonNode> second = link.submit("w", share());
                assertThat(in.readLine()).contains("\"id\":1", "mining.submit");
                assertThat(in.readLine()).contains("\"id\":2");

                write(s, "{\"id\":2,\"result\":true,\"error\":null}\n{\"id\":1,\"result\":false,\"error\":[23,\"Low difficulty share\",null]}\n");

                assertThat(second.get(5, TimeUnit.SECONDS).get("result").asBoolean()).isTrue();
                assertThat(first.get(5, TimeUnit.SECONDS).get("result").asBoolean()).isFalse();
            }
        }
    }

    @Test
    void aLateReplyTimesOutAtTheNextSubmitAndTheRestFailWhenTheConnectionCloses() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            PoolLink link = link();
            link.connect("127.0.0.1", server.getLocalPort(), null).get(5, TimeUnit.SECONDS);
            try (Socket s = server.accept()) {
                CompletableFuture<JsonNode> unanswered = link.submit("w", share());
                Thread.sleep(Duration.ofNanos(REPLY_TIMEOUT_NANOS).toMillis() + 100);
                CompletableFuture<JsonNode> next = link.submit("w", share());

                assertThat(cause(unanswered)).isInstanceOf(TimeoutException.class);
                assertThat(next).isNotDone();
                s.close();
                assertThat(cause(next)).isInstanceOf(ClosedChannelException.class);
                events.closed.get(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void notificationsReachTheListenerDecoded() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            PoolLink link = link();
            link.connect("127.0.0.1", server.getLocalPort(), null).get(5, TimeUnit.SECONDS);
            try (Socket s = server.accept()) {
                write(s, "{\"id\":null,\"method\":\"mining.set_difficulty\",\"params\":[0.5]}\n"
                        + "{\"id\":null,\"method\":\"mining.notify\",\"params\":[\"j1\",\"" + "00".repeat(32) + "\",\"01\",\"02\",[],"
                        + "\"20000000\",\"207fffff\",\"66000000\",true]}\n"
                        + "{\"id\":null,\"method\":\"client.reconnect\",\"params\":[\"elsewhere\",\"3333\",\"7\"]}\n");

                assertThat(events.difficulty.get(5, TimeUnit.SECONDS)).isEqualTo(0.5);
                assertThat(events.job.get(5, TimeUnit.SECONDS).jobId()).isEqualTo("j1");
                assertThat(events.reconnectWait.get(5, TimeUnit.SECONDS)).isEqualTo(7);
            }
        }
    }

    @Test
    void aSourceAddressIsWhereTheConnectionComesFrom() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"))) {
            PoolLink link = link();
            link.connect("127.0.0.1", server.getLocalPort(), InetAddress.getByName("127.0.0.3")).get(5, TimeUnit.SECONDS);
            try (Socket s = server.accept()) {
                assertThat(((InetSocketAddress) s.getRemoteSocketAddress()).getAddress().getHostAddress()).isEqualTo("127.0.0.3");
            }
        }
    }

    private PoolLink link() {
        EventLoop loop = transport.group().next();
        return new PoolLink(loop, transport.channelType(), events, REPLY_TIMEOUT_NANOS);
    }

    private static CraftedShare share() {
        return new CraftedShare("j1", "0000000000000000", "66000000", "00000000");
    }

    private static void write(Socket s, String text) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Throwable cause(CompletableFuture<?> f) throws Exception {
        try {
            f.get(5, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    private static final class Events implements PoolLink.Listener {
        final CompletableFuture<Double> difficulty = new CompletableFuture<>();
        final CompletableFuture<NotifyJob> job = new CompletableFuture<>();
        final CompletableFuture<Integer> reconnectWait = new CompletableFuture<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        @Override
        public void onSetDifficulty(double d) {
            difficulty.complete(d);
        }

        @Override
        public void onNotify(NotifyJob j) {
            job.complete(j);
        }

        @Override
        public void onReconnect(Integer waitSeconds) {
            reconnectWait.complete(waitSeconds);
        }

        @Override
        public void onClose() {
            closed.complete(null);
        }
    }
}
