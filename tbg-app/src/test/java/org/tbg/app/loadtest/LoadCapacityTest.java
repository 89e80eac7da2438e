package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadCapacityTest {

    @Test
    void aRunWithinTheLimitsGetsNoWarning() {
        assertThat(LoadCapacity.warnings(plan(10_000, List.of()), 20_000, 28_232)).isEmpty();
        assertThat(LoadCapacity.warnings(plan(10_000, List.of()), -1, 28_232)).as("an unknown limit").isEmpty();
    }

    @Test
    void moreMinersThanOpenFilesIsNamedWithTheLimit() {
        List<String> w = LoadCapacity.warnings(plan(19_990, List.of()), 20_000, 28_232);

        assertThat(w).singleElement().asString().contains("19990 miners", "20000", "ulimit -n");
    }

    @Test
    void moreConnectionsThanEphemeralPortsSuggestsSourceAddresses() throws Exception {
        List<String> w = LoadCapacity.warnings(plan(60_000, List.of()), 1_000_000, 28_232);

        assertThat(w).singleElement().asString().contains("60000 connections per source address", "28232",
                "--source-addresses", "127.0.0.2-127.0.0.4");

        List<InetAddress> three = SourceAddresses.parse("127.0.0.2-127.0.0.4");
        assertThat(LoadCapacity.warnings(plan(60_000, three), 1_000_000, 28_232)).as("20,000 per address").isEmpty();
    }

    @Test
    void theLimitsOfThisProcessCanBeRead() {
        assertThat(LoadCapacity.ephemeralPorts()).isPositive();
        assertThat(LoadCapacity.maxOpenFiles()).isNotZero();
    }

    private static LoadPlan plan(int miners, List<InetAddress> sources) {
        LoadProfile p = new LoadProfile("custom", miners, 1, Duration.ofSeconds(60), Duration.ZERO);
        return new LoadPlan(p, "127.0.0.1", 3333, LoadPlan.DEFAULT_ADDRESS, "x", false, Duration.ZERO, sources, 0);
    }
}
