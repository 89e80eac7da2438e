package org.tbg.collector.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tbg.collector.CollectedEvent;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.EventType;

/**
 * Appends events to the Redis streams {@code mining:<event>} ({@code XADD … MAXLEN ~ n}, fields
 * {@code event_id, event, ts, source, region, data}) and publishes {@code block_found} on
 * {@code blocks:found} — each event once: a Lua script ({@code append-events.lua}) skips an event
 * whose {@code seen:<event_id>} marker exists; {@code SET NX} with a TTL claims the marker, and a
 * failed XADD gives it back.
 *
 * <p>Throughput: events go in chunks of {@value #CHUNK} per script call, and all chunks of a batch
 * are sent at once (pipelined on one connection) before waiting for the answers. A Redis restart
 * forgets loaded scripts: NOSCRIPT loads it again and the batch is sent again (the markers make
 * that safe). Connects on first use; Lettuce reconnects after that, and commands fail at once
 * while disconnected, so a batch fails fast and the pipeline retries it. Thread-safe: pipelines
 * share the one connection (Lettuce multiplexes it) and write concurrently.
 */
public final class RedisEventWriter implements AutoCloseable {
    /** Events per script call: large enough to amortize the call, small enough not to stall Redis. */
    static final int CHUNK = 500;
    public static final String BLOCKS_CHANNEL = "blocks:found";
    private static final String SCRIPT = script();
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final RedisURI uri;
    private final String ttlSeconds;
    private final String maxLen;
    private final ClientResources resources;
    private final RedisClient client;
    /** Set once under this; then read without the lock. */
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile String sha;

    /**
     * @param redisUrl  {@code redis://…}
     * @param dedupeTtl how long an appended event's id is remembered
     * @param maxLen    approximate length the streams are trimmed to
     */
    public RedisEventWriter(String redisUrl, Duration dedupeTtl, long maxLen) {
        if (dedupeTtl.toSeconds() < 1 || maxLen < 1) {
            throw new IllegalArgumentException("dedupe TTL must be >= 1 s and MAXLEN >= 1");
        }
        try {
            this.uri = RedisURI.create(redisUrl);
        } catch (IllegalArgumentException e) {
            // not the URL itself: it may hold a password
            throw new IllegalArgumentException("redis URL is not a Redis URL (expected redis://[[user:]password@]host[:port][/db])");
        }
        uri.setTimeout(COMMAND_TIMEOUT);
        this.ttlSeconds = Long.toString(dedupeTtl.toSeconds());
        this.maxLen = Long.toString(maxLen);
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(10), 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
    }

    /**
     * Appends the events not seen before.
     *
     * @throws RedisException (or a subclass) when Redis is unreachable or refuses; some chunks may be
     *                        in, and writing the same events again is safe
     */
    public RedisWriteResult write(List<CollectedEvent> events) throws InterruptedException {
        if (events.isEmpty()) {
            return new RedisWriteResult(0, 0);
        }
        StatefulRedisConnection<String, String> c = connection();
        long appended;
        try {
            appended = append(c, events);
        } catch (RedisNoScriptException e) {
            sha = c.sync().scriptLoad(SCRIPT);
            appended = append(c, events);
        }
        return new RedisWriteResult(appended, events.size() - appended);
    }

    private long append(StatefulRedisConnection<String, String> c, List<CollectedEvent> events) throws InterruptedException {
        RedisAsyncCommands<String, String> async = c.async();
        List<RedisFuture<Long>> calls = new ArrayList<>(events.size() / CHUNK + 1);
        for (int from = 0; from < events.size(); from += CHUNK) {
            List<CollectedEvent> chunk = events.subList(from, Math.min(events.size(), from + CHUNK));
            String[] keys = new String[chunk.size() * 2];
            String[] args = new String[2 + chunk.size() * 7];
            args[0] = ttlSeconds;
            args[1] = maxLen;
            int k = 0;
            int a = 2;
            for (CollectedEvent ce : chunk) {
                Event e = ce.event();
                String id = e.eventId().toString();
                keys[k++] = "seen:" + id;
                keys[k++] = "mining:" + e.type().wireName();
                args[a++] = id;
                args[a++] = e.type().wireName();
                args[a++] = EventCodec.seconds(e.tsMicros());
                args[a++] = e.source();
                args[a++] = e.region();
                args[a++] = ce.dataJson();
                args[a++] = e.type() == EventType.BLOCK_FOUND ? EventCodec.encodeToString(e) : "";
            }
            calls.add(async.evalsha(sha, ScriptOutputType.INTEGER, keys, args));
        }
        long appended = 0;
        long deadline = System.nanoTime() + COMMAND_TIMEOUT.toNanos();
        for (RedisFuture<Long> call : calls) {
            try {
                appended += call.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw cause instanceof RedisException re ? re : new RedisException(cause);
            } catch (TimeoutException e) {
                throw new RedisException("Redis did not answer within " + COMMAND_TIMEOUT.toSeconds() + " s", e);
            }
        }
        return appended;
    }

    private synchronized StatefulRedisConnection<String, String> connection() {
        if (connection == null) {
            StatefulRedisConnection<String, String> c = client.connect(StringCodec.UTF8, uri);
            try {
                sha = c.sync().scriptLoad(SCRIPT);
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
            connection = c;
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static String script() {
        try (InputStream in = RedisEventWriter.class.getResourceAsStream("append-events.lua")) {
            if (in == null) {
                throw new IllegalStateException("missing resource append-events.lua");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
