package org.tbg.pool.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExtranonceAllocatorTest {

    @Test
    void liveSessionsNeverShareAValue() {
        ExtranonceAllocator a = new ExtranonceAllocator(2);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5000; i++) {
            String id = a.allocate(null, 0);
            assertThat(id).hasSize(4);
            assertThat(seen.add(id)).as("duplicate %s", id).isTrue();
        }
        assertThat(a.liveCount()).isEqualTo(5000);
    }

    @Test
    void aDisconnectedSessionGetsItsValueBackWithinTheWindowOnly() {
        ExtranonceAllocator a = new ExtranonceAllocator(4);
        String id = a.allocate(null, 1_000);
        a.release(id, 2_000);
        assertThat(a.allocate(id, 2_000 + ExtranonceAllocator.RESUME_WINDOW_MILLIS - 1)).isEqualTo(id);

        // while it is live again, nobody else may resume it
        assertThat(a.allocate(id, 3_000)).isNotEqualTo(id);

        a.release(id, 10_000);
        assertThat(a.allocate(id, 10_000 + ExtranonceAllocator.RESUME_WINDOW_MILLIS)).isNotEqualTo(id);
    }

    @Test
    void aReleasedValueIsNotHandedToSomeoneElseDuringTheWindow() {
        ExtranonceAllocator a = new ExtranonceAllocator(2);
        String first = a.allocate(null, 0);
        a.release(first, 0);
        for (int i = 0; i < 65535 - 1; i++) {
            assertThat(a.allocate(null, 1)).isNotEqualTo(first);
        }
    }

    @Test
    void lengthIsBounded() {
        assertThatThrownBy(() -> new ExtranonceAllocator(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExtranonceAllocator(9)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new ExtranonceAllocator(8).allocate(null, 0)).hasSize(16);
    }
}
