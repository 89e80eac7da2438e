package org.tbg.pool.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class InMemoryMinerStateStoreTest {
    private static final String ADDRESS = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private final InMemoryMinerStateStore store = new InMemoryMinerStateStore(Duration.ofHours(24), 1000, clock);

    @Test
    void noSignatureUntilOneIsSet() {
        assertThat(store.signatureFor(ADDRESS)).isEmpty();
        store.setSignature(ADDRESS, "solo #1");
        assertThat(store.signatureFor(ADDRESS)).hasValue("solo #1");
        assertThat(store.loadSignature(ADDRESS).toCompletableFuture().getNow(null)).hasValue("solo #1");
        store.setSignature(ADDRESS, "");
        assertThat(store.signatureFor(ADDRESS)).isEmpty();
    }

    @Test
    void anInvalidSignatureIsRefusedAndTheOldOneKept() {
        store.setSignature(ADDRESS, "ok");
        assertThatThrownBy(() -> store.setSignature(ADDRESS, "no<html>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+003C");
        assertThat(store.signatureFor(ADDRESS)).hasValue("ok");
    }

    @Test
    void remembersDifficultiesAndAnswersAtOnce() {
        store.remember(ADDRESS + ".rig", 0.001);
        var answer = store.lastDifficulty(ADDRESS + ".rig").toCompletableFuture();
        assertThat(answer).isDone();
        assertThat(answer.getNow(null)).hasValue(0.001);
        assertThat(store.lastDifficulty("someone.else").toCompletableFuture().getNow(null)).isEmpty();
    }

    @Test
    void difficultiesExpireAfterTheTimeToLive() {
        store.remember("w", 4096);
        clock.advance(Duration.ofHours(24).plusMillis(1));
        assertThat(store.lastDifficulty("w").toCompletableFuture().getNow(OptionalDouble.of(-1))).isEmpty();
    }

    @Test
    void refusesDifficultiesThatAreNotFinitePositiveNumbers() {
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> store.remember("w", bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(store.lastDifficulty("w").toCompletableFuture().getNow(OptionalDouble.of(-1))).isEmpty();
    }

}
