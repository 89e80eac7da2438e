package org.tbg.app.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.pool.state.InMemoryMinerStateStore;
import org.tbg.pool.state.MinerStateStore;
import org.tbg.testkit.LogCapture;
import org.tbg.testkit.Ports;

/** The Redis store with nothing listening where Redis should be: it must behave like memory, at once. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RedisUnreachableTest {
    private static final String ADDRESS = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

    @Test
    void answersFromMemoryWithoutWaitingAndWarnsOnce() throws Exception {
        String url = "redis://127.0.0.1:" + Ports.freePort(); // free a moment ago: connections are refused
        try (LogCapture logs = new LogCapture(RedisMinerStateStore.class);
             RedisMinerStateStore store = RedisMinerStateStore.start(FastOptions.forUrl(url))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> !logs.messages(Level.WARN).isEmpty());
            // Several more connect attempts (backoff capped at 300 ms) fail during this second, silently.
            Thread.sleep(1_000);
            assertThat(store.redisAvailable()).isFalse();
            assertThat(logs.messages(Level.WARN)).hasSize(1);
            assertThat(logs.messages(Level.WARN).get(0)).contains("127.0.0.1").contains("unreachable");

            store.remember(ADDRESS + ".rig", 0.25);
            CallTimer signature = new CallTimer(2_000);
            CallTimer remember = new CallTimer(2_000);
            CallTimer recall = new CallTimer(2_000);
            CallTimer unknown = new CallTimer(2_000);
            for (int i = 0; i < 2_000; i++) {
                int n = i;
                signature.time(() -> assertThat(store.signatureFor(ADDRESS + n % 7)).isEmpty());
                remember.time(() -> store.remember("w" + n, 1 + n));
                recall.time(() -> assertThat(store.lastDifficulty(ADDRESS + ".rig").toCompletableFuture().getNow(null))
                        .hasValue(0.25));
                unknown.time(() -> assertThat(store.lastDifficulty("nobody" + n).toCompletableFuture().getNow(null))
                        .isEqualTo(OptionalDouble.empty()));
            }
            assertThat(store.loadSignature(ADDRESS).toCompletableFuture().getNow(null)).isEqualTo(Optional.empty());
            for (CallTimer t : new CallTimer[] {signature, remember, recall, unknown}) {
                assertThat(t.p99Micros()).isLessThan(1_000);
                assertThat(t.maxMicros()).isLessThan(100_000); // a GC pause, never a timeout
            }
            assertThat(logs.messages(Level.WARN)).hasSize(1);
        }
    }

    @Test
    void closesPromptlyWhileUnreachable() {
        RedisMinerStateStore store = RedisMinerStateStore.start(FastOptions.forUrl("redis://127.0.0.1:" + Ports.freePort()));
        store.remember("w", 8);
        long start = System.nanoTime();
        store.close();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5_000);
    }

    @Test
    void aMalformedUrlIsRefusedWithoutEchoingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RedisMinerStateStore.forUrl("redis://:s3cret@"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("redis_url")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void withoutAUrlTheStoreIsInMemory() {
        try (MinerStateStore s = RedisMinerStateStore.forUrl(null); MinerStateStore t = RedisMinerStateStore.forUrl("  ")) {
            assertThat(s).isInstanceOf(InMemoryMinerStateStore.class);
            assertThat(t).isInstanceOf(InMemoryMinerStateStore.class);
        }
    }
}
