package org.tbg.pool.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubmittedSharesTest {

    @Test
    void behavesLikeASetOfLongs() {
        SubmittedShares s = new SubmittedShares();
        Set<Long> reference = new HashSet<>();
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long k = r.nextInt(15_000) - 100; // includes 0 and repeats
            assertThat(s.add(k)).isEqualTo(reference.add(k));
        }
        assertThat(s.size()).isEqualTo(reference.size());
        s.clear();
        assertThat(s.size()).isZero();
        assertThat(s.add(0)).isTrue();
    }

    @Test
    void startsOverWhenFullSoMemoryStaysBounded() {
        SubmittedShares s = new SubmittedShares();
        for (long k = 1; k <= SubmittedShares.MAX_ENTRIES + 10; k++) {
            s.add(k);
        }
        assertThat(s.size()).isLessThanOrEqualTo(SubmittedShares.MAX_ENTRIES);
    }
}
