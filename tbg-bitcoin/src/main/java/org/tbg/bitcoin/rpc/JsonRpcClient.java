package org.tbg.bitcoin.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON-RPC 1.0 client for one node (Bitcoin Core or bcoin) over HTTP/1.1 keep-alive.
 *
 * <p>Thread-safe: calls may run concurrently and share the connection pool of one
 * {@link HttpClient}. Every call is bounded by the timeout given at construction (connect and
 * response each). With a cookie file the credentials are read on first use and again whenever the
 * node answers 401, since a restarted node writes a new cookie.
 */
public final class JsonRpcClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JsonRpcClient.class);
    /** Floats as BigDecimal: BTC amounts (e.g. getblock's output values) stay exact for satoshi conversion. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final NodeEndpoint endpoint;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicLong nextId = new AtomicLong();
    /** Null until first read when a cookie file is configured, and again after a 401. */
    private volatile RpcCredentials credentials;
    private volatile Instant lastSuccess;
    private volatile boolean closed;
    private volatile RpcCallListener callListener = RpcCallListener.NONE;

    public JsonRpcClient(NodeEndpoint endpoint, Duration timeout) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        this.credentials = endpoint.cookieFile() == null
                ? new RpcCredentials(endpoint.user(), endpoint.password())
                : null;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Calls {@code method} with positional {@code params} (each serialized by Jackson).
     *
     * @return the {@code result} member; JSON {@code null} as {@link NullNode}, never Java null
     * @throws RpcErrorException     the node answered with a JSON-RPC error
     * @throws RpcTransportException no usable answer (refused, timeout, HTTP error without JSON body)
     */
    public JsonNode call(String method, Object... params) throws RpcException {
        if (closed) {
            throw new IllegalStateException("JsonRpcClient for " + endpoint + " is closed");
        }
        long started = System.nanoTime();
        try {
            byte[] body = requestBody(nextId.incrementAndGet(), method, params);
            HttpResponse<byte[]> response = send(method, body);
            if (response.statusCode() == 401 && endpoint.cookieFile() != null) {
                credentials = null;
                response = send(method, body);
            }
            JsonNode result = resultOf(method, response);
            lastSuccess = Instant.now();
            return result;
        } finally {
            callListener.callFinished(endpoint.name(), method, System.nanoTime() - started);
        }
    }

    /** Who hears of every call's duration (one listener; {@link RpcCallListener#NONE} by default). */
    public void callListener(RpcCallListener listener) {
        this.callListener = Objects.requireNonNull(listener, "listener");
    }

    public NodeEndpoint endpoint() {
        return endpoint;
    }

    public Duration timeout() {
        return timeout;
    }

    /** When the node last answered a call (with a result or a JSON-RPC error); empty if never. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    /** Refuses further calls; idle connections are released when the JDK client is collected. */
    @Override
    public void close() {
        closed = true;
    }

    private static byte[] requestBody(long id, String method, Object[] params) {
        ObjectNode request = MAPPER.createObjectNode();
        request.put("jsonrpc", "1.0");
        request.put("id", id);
        request.put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object p : params) {
            array.add(p == null ? NullNode.getInstance() : MAPPER.valueToTree(p));
        }
        try {
            return MAPPER.writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize params of " + method, e);
        }
    }

    private HttpResponse<byte[]> send(String method, byte[] body) throws RpcTransportException {
        HttpRequest request = HttpRequest.newBuilder(endpoint.url())
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", credentials(method).authorizationHeader())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException | ConnectException e) {
                throw e;
            } catch (IOException e) {
                // The node closes idle keep-alive connections (bcoin after 5 s); a request written to
                // one just closed fails here. One retry on a fresh connection tells that apart from
                // a node that is really gone. Every RPC this pool sends is safe to repeat.
                log.debug("{} {}: {}; retrying once on a new connection", endpoint, method, e.toString());
                return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            }
        } catch (HttpConnectTimeoutException e) {
            throw transport(method, "connect timed out after " + timeout.toMillis() + " ms", e);
        } catch (HttpTimeoutException e) {
            throw transport(method, "no response within " + timeout.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw transport(method, "connection refused", e);
        } catch (IOException e) {
            throw transport(method, "I/O error: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw transport(method, "interrupted", e);
        }
    }

    private RpcCredentials credentials(String method) throws RpcTransportException {
        RpcCredentials c = credentials;
        if (c == null) {
            try {
                c = RpcCredentials.readCookie(endpoint.cookieFile());
            } catch (IOException e) {
                // The node writes its cookie at startup: a missing file usually means it is down.
                throw transport(method, "cannot read cookie file " + endpoint.cookieFile() + ": " + e.getMessage(), e);
            }
            credentials = c;
        }
        return c;
    }

    private JsonNode resultOf(String method, HttpResponse<byte[]> response) throws RpcException {
        int status = response.statusCode();
        JsonNode json = parseOrNull(response.body());
        if (json != null && json.isObject()) {
            JsonNode error = json.get("error");
            if (error != null && !error.isNull()) {
                // Core answers errors with HTTP 500/404 and a JSON body; bcoin with 200. Both definitive.
                throw new RpcErrorException(endpoint.name(), method,
                        error.path("code").asInt(RpcErrorException.NO_CODE),
                        error.isTextual() ? error.asText() : error.path("message").asText(error.toString()));
            }
        }
        if (status == 401) {
            throw transport(method, "HTTP 401 unauthorized (check rpc user/password or cookie)", null);
        }
        if (status != 200) {
            throw transport(method, "HTTP " + status + " without a JSON-RPC error", null);
        }
        if (json == null || !json.isObject()) {
            throw transport(method, "response is not a JSON object", null);
        }
        JsonNode result = json.get("result");
        return result == null ? NullNode.getInstance() : result;
    }

    private static JsonNode parseOrNull(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private RpcTransportException transport(String method, String reason, Throwable cause) {
        return new RpcTransportException(endpoint.name() + " " + method + ": " + reason, cause);
    }

    @Override
    public String toString() {
        return "JsonRpcClient[" + endpoint + "]";
    }
}
