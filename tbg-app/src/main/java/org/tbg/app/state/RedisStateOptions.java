package org.tbg.app.state;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.Objects;
import org.tbg.pool.state.RememberedDifficulties;

/**
 * How {@link RedisMinerStateStore} talks to Redis. {@link #defaults} is what the pool runs with;
 * tests shorten the intervals.
 *
 * @param redisUrl             {@code redis_url}: {@code redis://[[user:]password@]host[:port][/db]} or {@code rediss://…}
 * @param commandTimeout       longest wait for one Redis command; a slower answer counts as a failure
 * @param connectTimeout       longest wait for a TCP connect
 * @param reconnectMaxDelay    reconnect attempts back off exponentially up to this delay
 * @param signatureRefresh     how often cached signatures are read again (a miner's change shows within this)
 * @param signatureIdle        an address not asked about for this long leaves the cache (bounds memory)
 * @param maxCachedAddresses   bound on cached signatures; beyond it new addresses get the pool's {@code btcsig}
 * @param difficultyTtl        TTL of {@code vardiff:<worker>} and of the in-process copy
 * @param maxRememberedWorkers bound on difficulties held in process
 * @param flushInterval        {@code remember} writes are coalesced and sent this often
 * @param maxPendingWrites     bound on coalesced writes waiting (while Redis is down); beyond it writes are dropped
 */
public record RedisStateOptions(
        String redisUrl,
        Duration commandTimeout,
        Duration connectTimeout,
        Duration reconnectMaxDelay,
        Duration signatureRefresh,
        Duration signatureIdle,
        int maxCachedAddresses,
        Duration difficultyTtl,
        int maxRememberedWorkers,
        Duration flushInterval,
        int maxPendingWrites) {

    public RedisStateOptions {
        Objects.requireNonNull(redisUrl, "redisUrl");
        try {
            RedisURI.create(redisUrl);
        } catch (IllegalArgumentException e) {
            // Not the URL itself in the message: it may hold a password.
            throw new IllegalArgumentException("redis_url is not a Redis URL (expected redis://[[user:]password@]host[:port][/db])");
        }
        positive(commandTimeout, "commandTimeout");
        positive(connectTimeout, "connectTimeout");
        positive(reconnectMaxDelay, "reconnectMaxDelay");
        positive(signatureRefresh, "signatureRefresh");
        positive(signatureIdle, "signatureIdle");
        positive(difficultyTtl, "difficultyTtl");
        positive(flushInterval, "flushInterval");
        if (difficultyTtl.toSeconds() < 1) {
            throw new IllegalArgumentException("difficultyTtl must be at least 1 s, got " + difficultyTtl);
        }
        if (maxCachedAddresses < 1 || maxRememberedWorkers < 1 || maxPendingWrites < 1) {
            throw new IllegalArgumentException("bounds must be at least 1");
        }
    }

    /**
     * The pool's settings: 1 s command timeout (the share path never waits on it, but an
     * authorize may), reconnects backing off to 5 s, signatures re-read every 60 s for addresses
     * asked about in the last 10 min, {@code vardiff:} kept 24 h, writes flushed every 200 ms.
     */
    public static RedisStateOptions defaults(String redisUrl) {
        return new RedisStateOptions(redisUrl, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofMinutes(10), 250_000,
                RememberedDifficulties.TTL, RememberedDifficulties.MAX_WORKERS,
                Duration.ofMillis(200), 100_000);
    }

    /** Without the URL, which may hold a password. */
    @Override
    public String toString() {
        return "RedisStateOptions[" + RedisStateOptions.where(RedisURI.create(redisUrl)) + ", commandTimeout=" + commandTimeout
                + ", signatureRefresh=" + signatureRefresh + ", difficultyTtl=" + difficultyTtl + "]";
    }

    /** Where a URI points, for logs: host:port/db or the socket path, never credentials. */
    static String where(RedisURI uri) {
        String place = uri.getSocket() != null ? uri.getSocket() : uri.getHost() + ":" + uri.getPort();
        return place + "/" + uri.getDatabase();
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + d);
        }
    }
}
