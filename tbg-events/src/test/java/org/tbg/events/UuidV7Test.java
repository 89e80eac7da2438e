package org.tbg.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidV7Test {
    @Test
    void carriesVersionVariantAndTime() {
        long ms = 1_708_617_600_123L;
        UUID id = UuidV7.at(ms);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562 / IETF variant
        assertThat(UuidV7.epochMillis(id)).isEqualTo(ms);
        // RFC 9562 appendix B.2 example: 017F22E2-79B0-7CC3-98C4-DC0C0C07398F has 0x017F22E279B0 ms
        assertThat(UuidV7.epochMillis(UUID.fromString("017F22E2-79B0-7CC3-98C4-DC0C0C07398F"))).isEqualTo(0x017F22E279B0L);
    }

    @Test
    void idsAreUniqueAndSortByTime() {
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertThat(seen.add(UuidV7.at(1_000))).isTrue();
        }
        assertThat(UuidV7.at(1_001).toString()).isGreaterThan(UuidV7.at(1_000).toString());
    }
}
