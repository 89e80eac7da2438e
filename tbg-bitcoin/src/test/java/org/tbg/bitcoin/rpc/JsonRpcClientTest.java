package org.tbg.bitcoin.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.bitcoin.rpc.StubRpcServer.Reply;

@Timeout(30)
class JsonRpcClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private StubRpcServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new StubRpcServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void sendsJsonRpcRequestWithBasicAuthAndReturnsTheResult() throws Exception {
        server.answer(r -> Reply.result("{\"height\":7}"));
        try (JsonRpcClient client = new JsonRpcClient(server.endpoint("alice", "s3cret"), TIMEOUT)) {
            JsonNode result = client.call("getblocktemplate", Map.of("rules", List.of("segwit")));

            assertThat(result.get("height").asInt()).isEqualTo(7);
            JsonNode sent = server.requests().get(0).body();
            assertThat(sent.get("method").asText()).isEqualTo("getblocktemplate");
            assertThat(sent.get("params").toString()).isEqualTo("[{\"rules\":[\"segwit\"]}]");
            assertThat(sent.get("id").isNumber()).isTrue();
            assertThat(server.requests().get(0).authorization())
                    .isEqualTo(new RpcCredentials("alice", "s3cret").authorizationHeader());
            assertThat(client.lastSuccess()).isPresent();
        }
    }

    @Test
    void amountsStayExactDecimals() throws Exception {
        // 0.1 + 0.2 is not 0.3 in binary floating point; satoshi conversion needs the exact decimal.
        server.answer(r -> Reply.result("{\"a\":0.1,\"b\":0.2,\"value\":20999999.97690000}"));
        try (JsonRpcClient client = new JsonRpcClient(server.endpoint("u", "p"), TIMEOUT)) {
            JsonNode result = client.call("gettxout");

            assertThat(result.get("a").decimalValue().add(result.get("b").decimalValue()))
                    .isEqualByComparingTo(new java.math.BigDecimal("0.3"));
            assertThat(result.get("value").decimalValue().movePointRight(8).longValueExact()).isEqualTo(2_099_999_997_690_000L);
        }
    }

    @Test
    void jsonNullResultIsNullNode() throws Exception {
        server.answer(r -> Reply.result("null"));
        try (JsonRpcClient client = new JsonRpcClient(server.endpoint("u", "p"), TIMEOUT)) {
            JsonNode result = client.call("submitblock", "00");

            assertThat(result).isNotNull();
            assertThat(result.isNull()).isTrue();
        }
    }

    @Test
    void positionalParamsKeepTheirJsonTypes() throws Exception {
        try (JsonRpcClient client = new JsonRpcClient(server.endpoint("u", "p"), TIMEOUT)) {
            client.call("getblock", "abcd", true, 2, null, 5_000_000_000L);

            assertThat(server.requests().get(0).body().get("params").toString())
                    .isEqualTo("[\"abcd\",true,2,null,5000000000]");
        }
    }

    @Test
    void errorObjectWithHttp200IsRpcError() {
        // bcoin's way: HTTP 200 with the error in the body.
        server.answer(r -> new Reply(200, "{\"result\":null,\"error\":{\"message\":\"Method not found: nosuch.\",\"code\":-32601},\"id\":1}"));
        try (JsonRpcClient client = new JsonRpcClient(server.endpoint("u", "p"), TIMEOUT)) {
            assertThatThrownBy(() -> client.call("nosuch"))
                    .isInstanceOfSatisfying(RpcErrorException.class, e -> {
                        assertThat(e.code()).isEqualTo(-32601);
                        assertThat(e.nodeMessage()).isEqualTo("Method not found: nosuch.");
                    });
        }
    }

    @Test
    void errorObjectWithHttp500IsRpcError() {
        // Core's way for JSON-RPC 1.0: HTTP 500 (404 for an unknown method) with the error in the body.
        server.answer(r -> new Reply(500, "{\"result\":null,\"error\":{\"code\":-8,\"message\":\"Block height out of range\"},\"id\":1}"));
        try (JsonRpcClient client = new JsonRpcClient(server.endpoint("u", "p"), TIMEOUT)) {
            assertThatThrownBy(() -> client.call("getblockhash", 999))
                    .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-8));
        }
    }

    @Test
    void httpErrorWithoutJsonIsTransportError() {
        server.answer(r -> new Reply(502, "<html>Bad Gateway</html>"));
        try (JsonRpcClient client = new JsonRpcClient(server.endpoint("u", "p"), TIMEOUT)) {
            assertThatThrownBy(() -> client.call("getblockcount"))
                    .isInstanceOf(RpcTransportException.class)
                    .hasMessageContaining("502");
            assertThat(client.lastSuccess()).isEmpty();
        }
    }

    @Test
    void unauthorizedIsTransportErrorAndNeverShowsThePassword() {
        server.answer(r -> new Reply(401, ""));
        try (JsonRpcClient client = new JsonRpcClient(server.endpoint("u", "hunter2"), TIMEOUT)) {
            assertThatThrownBy(() -> client.call("getblockcount"))
                    .isInstanceOf(RpcTransportException.class)
                    .hasMessageContaining("401")
                    .hasMessageNotContaining("hunter2");
            assertThat(client.toString()).doesNotContain("hunter2");
        }
    }

    @Test
    void cookieIsReReadWhenTheNodeAnswers401(@TempDir Path dir) throws Exception {
        Path cookie = dir.resolve(".cookie");
        Files.writeString(cookie, "__cookie__:first");
        String[] accepted = {new RpcCredentials("__cookie__", "first").authorizationHeader()};
        server.answer(r -> r.authorization().equals(accepted[0]) ? Reply.result("1") : new Reply(401, ""));
        NodeEndpoint endpoint = new NodeEndpoint("node", URI.create("http://127.0.0.1:" + server.port() + "/"), null, null, cookie, false);

        try (JsonRpcClient client = new JsonRpcClient(endpoint, TIMEOUT)) {
            assertThat(client.call("getblockcount").asInt()).isEqualTo(1);

            // The node restarts and writes a new cookie.
            Files.writeString(cookie, "__cookie__:second");
            accepted[0] = new RpcCredentials("__cookie__", "second").authorizationHeader();

            assertThat(client.call("getblockcount").asInt()).isEqualTo(1);
            // first call; second call rejected with the old cookie, then retried with the new one
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void missingCookieFileIsTransportError(@TempDir Path dir) {
        Path cookie = dir.resolve("absent.cookie");
        NodeEndpoint endpoint = new NodeEndpoint("node", URI.create("http://127.0.0.1:" + server.port() + "/"), null, null, cookie, false);
        try (JsonRpcClient client = new JsonRpcClient(endpoint, TIMEOUT)) {
            assertThatThrownBy(() -> client.call("getblockcount"))
                    .isInstanceOf(RpcTransportException.class)
                    .hasMessageContaining("absent.cookie");
            assertThat(server.requests()).isEmpty();
        }
    }

    @Test
    void refusedConnectionIsTransportError() {
        int port = server.port();
        server.close();
        try (JsonRpcClient client = new JsonRpcClient(NodeEndpoint.of("127.0.0.1:" + port, "u", "p"), TIMEOUT)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.call("getblockcount"))
                    .isInstanceOf(RpcTransportException.class)
                    .hasMessageContaining("127.0.0.1:" + port);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
        }
    }

    @Test
    void silentNodeTimesOutWithinTheTimeout() {
        server.answer(r -> {
            Thread.sleep(10_000);
            return Reply.result("1");
        });
        Duration timeout = Duration.ofMillis(300);
        try (JsonRpcClient client = new JsonRpcClient(server.endpoint("u", "p"), timeout)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.call("getblockcount"))
                    .isInstanceOf(RpcTransportException.class)
                    .hasMessageContaining("no response within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void closedClientRefusesCalls() {
        JsonRpcClient client = new JsonRpcClient(server.endpoint("u", "p"), TIMEOUT);
        client.close();
        assertThatThrownBy(() -> client.call("getblockcount")).isInstanceOf(IllegalStateException.class);
    }
}
