package org.tbg.bitcoin.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server that answers JSON-RPC requests with whatever the test says, for the
 * cases a real node cannot be made to produce on demand (401 with a rotated cookie, 502 from a
 * proxy, a hang). Real-node behaviour is covered by the ITs in tbg-testkit.
 */
final class StubRpcServer implements AutoCloseable {

    /** What the server answers. */
    record Reply(int status, String body) {
        static Reply result(String resultJson) {
            return new Reply(200, "{\"result\":" + resultJson + ",\"error\":null,\"id\":1}");
        }
    }

    /** One received request: its JSON body and its Authorization header. */
    record Request(JsonNode body, String authorization) {}

    interface Handler {
        Reply handle(Request request) throws Exception;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stub-rpc");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Handler handler = request -> Reply.result("null");

    StubRpcServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    void answer(Handler h) {
        handler = h;
    }

    List<Request> requests() {
        return requests;
    }

    NodeEndpoint endpoint(String user, String password) {
        return NodeEndpoint.of("127.0.0.1:" + port(), user, password);
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = new Request(MAPPER.readTree(exchange.getRequestBody()),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(request);
            Reply reply;
            try {
                reply = handler.handle(request);
            } catch (Exception e) {
                reply = new Reply(500, "stub handler failed: " + e);
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }
}
