package org.tbg.app.state;

import java.time.Duration;
import org.tbg.pool.state.RememberedDifficulties;

/** {@link RedisStateOptions} with intervals short enough for tests; TTL and bounds as in production. */
final class FastOptions {
    static final Duration SIGNATURE_REFRESH = Duration.ofMillis(300);

    private FastOptions() {}

    static RedisStateOptions forUrl(String url) {
        return forUrl(url, Duration.ofMillis(50));
    }

    static RedisStateOptions forUrl(String url, Duration flushInterval) {
        return new RedisStateOptions(url, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(300),
                SIGNATURE_REFRESH, Duration.ofMinutes(10), 250_000,
                RememberedDifficulties.TTL, RememberedDifficulties.MAX_WORKERS,
                flushInterval, 100_000);
    }
}
