package org.tbg.pool.state;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tbg.testkit.LogCapture;

class SignatureCacheTest {
    private static final String A = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq";
    private static final String B = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy";

    private final List<String> reads = new ArrayList<>();
    private final SignatureCache cache = new SignatureCache(3, reads::add);

    @Test
    void aNewAddressIsReadOnceAndAnsweredEmptyUntilThen() {
        SignatureCache.Entry e = cache.ask(A, 1_000);
        assertThat(e.signature()).isEmpty();
        assertThat(e.loaded()).isFalse();
        cache.ask(A, 2_000);
        assertThat(reads).containsExactly(A);
        cache.apply(A, "gm from " + "Lisbon");
        assertThat(cache.ask(A, 3_000).signature()).hasValue("gm from Lisbon");
        assertThat(e.loaded()).isTrue();
        assertThat(e.firstRead()).isCompletedWithValue(e.signature());
    }

    @Test
    void noKeyOrAnEmptyValueMeansNoSignature() {
        cache.ask(A, 0);
        cache.apply(A, "first");
        cache.apply(A, null);
        assertThat(cache.ask(A, 0).signature()).isEmpty();
        cache.apply(A, "again");
        cache.apply(A, "");
        assertThat(cache.ask(A, 0).signature()).isEmpty();
    }

    @Test
    void anInvalidValueIsIgnoredAndLoggedOncePerValue() {
        try (LogCapture logs = new LogCapture(SignatureCache.class)) {
            cache.ask(A, 0);
            cache.apply(A, "valid one");
            cache.apply(A, "<script>");
            assertThat(cache.ask(A, 0).signature()).isEmpty();
            cache.apply(A, "<script>"); // every refresh reads it again: still one line
            cache.apply(A, "<script>");
            assertThat(logs.messages(Level.INFO)).hasSize(1);
            assertThat(logs.messages(Level.INFO).get(0)).contains(A).contains("U+003C").doesNotContain("<script>");
            cache.apply(A, "twenty-one chars long"); // another bad value: one more line
            assertThat(logs.messages(Level.INFO)).hasSize(2);
            assertThat(logs.messages(Level.INFO).get(1)).contains("21 bytes");
        }
    }

    @Test
    void aFailedReadKeepsWhatIsKnownAndReleasesWaiters() {
        SignatureCache.Entry e = cache.ask(A, 0);
        cache.readFailed(A);
        assertThat(e.firstRead()).isCompletedWithValue(java.util.Optional.empty());
        assertThat(e.loaded()).isFalse();
        cache.apply(A, "known");
        cache.readFailed(A);
        assertThat(e.signature()).hasValue("known");
    }

    @Test
    void addressesNotAskedForLeave() {
        cache.ask(A, 1_000);
        cache.ask(B, 5_000);
        assertThat(cache.evictAskedBefore(3_000)).isEqualTo(1);
        assertThat(cache.addresses()).containsExactly(B);
        cache.apply(A, "late answer for an evicted address"); // ignored, not re-added
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void aFullCacheTakesNoNewAddresses() {
        cache.ask("a1", 0);
        cache.ask("a2", 0);
        cache.ask("a3", 0);
        assertThat(cache.ask("a4", 0)).isNull();
        assertThat(cache.ask("a1", 0)).isNotNull();
        assertThat(reads).containsExactly("a1", "a2", "a3");
    }
}
