package org.tbg.app.deploy;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.stratum.client.StratumClient;
import org.tbg.stratum.message.NotifyJob;

/**
 * One stratum connection a test drives step by step: each request waits (bounded) for its answer,
 * and the work the pool sent is kept with the difficulty it came at.
 */
final class ScriptedMiner implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** A {@code mining.notify} and the {@code mining.set_difficulty} in force when it came. */
    record IssuedJob(NotifyJob job, double difficulty) { }

    private final int port;
    private final StratumClient client;
    private final List<IssuedJob> jobs = new CopyOnWriteArrayList<>();
    /** Written on the client's event loop only. */
    private volatile double difficulty = Double.NaN;
    private byte[] extranonce1;
    private int extranonce2Size;

    private ScriptedMiner(int port) {
        this.port = port;
        client = new StratumClient(new StratumClient.Listener() {
            @Override
            public void onSetDifficulty(double d) {
                difficulty = d;
            }

            @Override
            public void onNotify(NotifyJob job) {
                jobs.add(new IssuedJob(job, difficulty));
            }
        });
    }

    static ScriptedMiner connect(int port) throws Exception {
        ScriptedMiner m = new ScriptedMiner(port);
        try {
            m.client.connect("127.0.0.1", port).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return m;
        } catch (Exception e) {
            m.close();
            throw e;
        }
    }

    /** The whole answer to one request. */
    JsonNode call(String method, Object... params) throws Exception {
        return client.request(method, params).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    void subscribe() throws Exception {
        JsonNode r = call("mining.subscribe", "exact-metrics/1.0").path("result");
        extranonce1 = Hex.decode(r.get(1).asText());
        extranonce2Size = r.get(2).asInt();
    }

    void authorize(String worker) throws Exception {
        JsonNode r = call("mining.authorize", worker, "x");
        if (!r.path("result").asBoolean()) {
            throw new AssertionError("authorize " + worker + " refused: " + r);
        }
    }

    /** The newest job matching {@code p}, waiting for it. */
    IssuedJob awaitJob(Predicate<IssuedJob> p) {
        return await().atMost(WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> jobs.stream().filter(p).reduce((a, b) -> b).orElse(null), j -> j != null);
    }

    IssuedJob newestJob() {
        return awaitJob(j -> true);
    }

    /** The pool's stratum port this connection went to. */
    int port() {
        return port;
    }

    byte[] extranonce1() {
        return extranonce1;
    }

    int extranonce2Size() {
        return extranonce2Size;
    }

    @Override
    public void close() {
        client.close();
    }
}
