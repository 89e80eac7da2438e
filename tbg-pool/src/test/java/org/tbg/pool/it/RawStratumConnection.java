package org.tbg.pool.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.stratum.message.NotifyJob;

/**
 * A stratum client with no protocol smarts: a plain socket, lines written as given and lines read
 * back and parsed with Jackson, so a test can send what no real miner would and see exactly what
 * the pool answers. Notifications read while waiting for a reply are kept ({@code mining.notify}
 * as {@link NotifyJob}s, with the difficulty in force when each arrived).
 *
 * <p>Every read is bounded ({@link #READ_TIMEOUT}, or the caller's shorter deadline). Thread rule:
 * one test thread.
 */
final class RawStratumConnection implements AutoCloseable {
    /** Upper bound on any single wait for a line from the pool. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private final Deque<NotifyJob> unreadJobs = new ArrayDeque<>();
    private final Map<String, Double> difficultyByJob = new HashMap<>();
    private final Map<Long, JsonNode> earlyReplies = new HashMap<>();
    private final List<JsonNode> notifications = new ArrayList<>();
    private long lastId;
    private double difficulty = Double.NaN;
    private NotifyJob latestJob;
    private byte[] extranonce1;
    private int extranonce2Size;

    private RawStratumConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    static RawStratumConnection open(int port) throws IOException {
        return open(port, null);
    }

    /**
     * A connection from {@code local} (e.g. 127.0.0.2: on Linux all of 127.0.0.0/8 is loopback, so
     * a test can be several client addresses), or from the default loopback address when null.
     */
    static RawStratumConnection open(int port, InetAddress local) throws IOException {
        Socket s = new Socket();
        try {
            if (local != null) {
                s.bind(new InetSocketAddress(local, 0));
            }
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) READ_TIMEOUT.toMillis());
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) READ_TIMEOUT.toMillis());
            return new RawStratumConnection(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    // ---- writing --------------------------------------------------------------------------

    /** A fresh request id (numbers from 1). */
    long newId() {
        return ++lastId;
    }

    /** The JSON text of a request, without the newline. */
    static String requestJson(long id, String method, Object... params) {
        ObjectNode req = JSON.createObjectNode();
        req.put("id", id);
        req.put("method", method);
        ArrayNode p = req.putArray("params");
        for (Object o : params) {
            p.add(JSON.valueToTree(o));
        }
        try {
            return JSON.writeValueAsString(req);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("params not serializable", e);
        }
    }

    /** Writes {@code text} and a newline in one write. */
    void sendLine(String text) throws IOException {
        sendRaw((text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends a request; returns its id. */
    long send(String method, Object... params) throws IOException {
        long id = newId();
        sendLine(requestJson(id, method, params));
        return id;
    }

    /** Sends a request and waits for its reply. */
    JsonNode call(String method, Object... params) throws IOException {
        return reply(send(method, params));
    }

    // ---- session helpers ------------------------------------------------------------------

    /** {@code mining.subscribe}; remembers extranonce1 and the extranonce2 size; returns the reply. */
    JsonNode subscribe() throws IOException {
        JsonNode r = call("mining.subscribe", "raw-it/1.0");
        JsonNode result = r.path("result");
        if (!result.isArray() || result.size() != 3) {
            throw new AssertionError("subscribe failed: " + r);
        }
        extranonce1 = Hex.decode(result.get(1).asText());
        extranonce2Size = result.get(2).asInt();
        return r;
    }

    /** {@code mining.authorize}, which must succeed. */
    void authorize(String username, String password) throws IOException {
        JsonNode r = call("mining.authorize", username, password);
        if (!r.path("result").asBoolean(false)) {
            throw new AssertionError("authorize of " + username + " refused: " + r);
        }
    }

    byte[] extranonce1() {
        return extranonce1.clone();
    }

    int extranonce2Size() {
        return extranonce2Size;
    }

    // ---- reading --------------------------------------------------------------------------

    /** The reply to request {@code id}; replies to other ids read meanwhile are kept for later. */
    JsonNode reply(long id) throws IOException {
        JsonNode early = earlyReplies.remove(id);
        if (early != null) {
            return early;
        }
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (true) {
            JsonNode r = nextReply(deadline);
            JsonNode rid = r.get("id");
            if (rid != null && rid.canConvertToLong() && rid.asLong() == id) {
                return r;
            }
            if (rid == null || !rid.canConvertToLong()) {
                throw new AssertionError("waiting for the reply to id " + id + ", got " + r);
            }
            earlyReplies.put(rid.asLong(), r);
        }
    }

    /** The next line that is not a notification (any id, including null). */
    JsonNode nextReply() throws IOException {
        return nextReply(System.nanoTime() + READ_TIMEOUT.toNanos());
    }

    /** Waits for a {@code mining.notify} matching {@code wanted}; notifies read before it are consumed. */
    NotifyJob awaitJob(Predicate<NotifyJob> wanted, Duration within) throws IOException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            while (!unreadJobs.isEmpty()) {
                NotifyJob j = unreadJobs.pollFirst();
                if (wanted.test(j)) {
                    return j;
                }
            }
            JsonNode m = read(deadline);
            if (m == null) {
                throw new AssertionError("connection closed while waiting for a job");
            }
            if (!isNotification(m)) {
                throw new AssertionError("unexpected reply while waiting for a job: " + m);
            }
        }
    }

    /** The newest job received so far, after reading whatever has already arrived; waits for a first one. */
    NotifyJob newestJob() throws IOException {
        drain();
        if (latestJob == null) {
            awaitJob(j -> true, READ_TIMEOUT);
        }
        unreadJobs.clear();
        return latestJob;
    }

    /** Reads the lines that have already arrived (notifications only are expected). */
    void drain() throws IOException {
        while (in.ready()) {
            JsonNode m = read(System.nanoTime() + READ_TIMEOUT.toNanos());
            if (m == null) {
                return;
            }
            if (!isNotification(m)) {
                JsonNode rid = m.get("id");
                if (rid == null || !rid.canConvertToLong()) {
                    throw new AssertionError("unexpected line: " + m);
                }
                earlyReplies.put(rid.asLong(), m);
            }
        }
    }

    /** The difficulty in force when job {@code jobId}'s notify arrived (NaN if none was set). */
    double difficultyOf(String jobId) {
        Double d = difficultyByJob.get(jobId);
        if (d == null) {
            throw new AssertionError("job " + jobId + " was never received");
        }
        return d;
    }

    /**
     * True when the pool closes the connection within {@code within} (end of stream or reset);
     * lines that arrive first are read and kept.
     */
    boolean closedWithin(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            while (true) {
                JsonNode m = read(deadline);
                if (m == null) {
                    return true;
                }
                JsonNode rid = m.get("id");
                if (!isNotification(m) && rid != null && rid.canConvertToLong()) {
                    earlyReplies.put(rid.asLong(), m);
                }
            }
        } catch (IOException e) {
            return true; // reset by the pool
        } catch (AssertionError e) {
            return false; // our own deadline
        }
    }

    private JsonNode nextReply(long deadline) throws IOException {
        while (true) {
            JsonNode m = read(deadline);
            if (m == null) {
                throw new AssertionError("connection closed while waiting for a reply");
            }
            if (!isNotification(m)) {
                return m;
            }
        }
    }

    /** One parsed line, or null at end of stream; notifications are recorded as they pass. */
    private JsonNode read(long deadline) throws IOException {
        long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            throw new AssertionError("nothing more from the pool before the deadline");
        }
        socket.setSoTimeout((int) Math.min(remainingMillis, READ_TIMEOUT.toMillis()));
        String line;
        try {
            line = in.readLine();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no line from the pool within " + remainingMillis + " ms");
        }
        if (line == null) {
            return null;
        }
        JsonNode m;
        try {
            m = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("the pool sent a line that is not JSON: " + line, e);
        }
        record(m);
        return m;
    }

    private static boolean isNotification(JsonNode m) {
        return m.hasNonNull("method");
    }

    /** The methods of every notification read so far, in order ({@code mining.notify}, {@code client.reconnect} …). */
    List<String> notificationMethods() {
        return notifications.stream().map(n -> n.get("method").asText()).toList();
    }

    /** Every notification read so far with that method, whole. */
    List<JsonNode> notifications(String method) {
        return notifications.stream().filter(n -> n.get("method").asText().equals(method)).toList();
    }

    private void record(JsonNode m) {
        String method = m.path("method").asText("");
        if (!method.isEmpty()) {
            notifications.add(m);
        }
        if (method.equals("mining.set_difficulty")) {
            difficulty = m.path("params").path(0).asDouble(Double.NaN);
        } else if (method.equals("mining.notify")) {
            NotifyJob j = NotifyJob.fromParams(m.get("params"));
            difficultyByJob.put(j.jobId(), difficulty);
            latestJob = j;
            unreadJobs.addLast(j);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
