package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.address.AddressDecoder;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.bitcoin.address.Network;
import org.tbg.bitcoin.address.PayoutScript;

class LoadPlanTest {

    @Test
    void theProfilesAreTheSeedsLoadPlan() {
        assertThat(LoadProfile.named("smoke")).contains(new LoadProfile("smoke", 10, 5, Duration.ofSeconds(30), Duration.ofSeconds(2)));
        assertThat(LoadProfile.named("STANDARD")).contains(new LoadProfile("standard", 100, 10, Duration.ofSeconds(60), Duration.ofSeconds(10)));
        assertThat(LoadProfile.named("stress")).contains(new LoadProfile("stress", 1000, 20, Duration.ofSeconds(120), Duration.ofSeconds(30)));
        assertThat(LoadProfile.named("soak")).contains(new LoadProfile("soak", 100, 10, Duration.ofSeconds(3600), Duration.ofSeconds(10)));
        assertThat(LoadProfile.named("huge")).isEmpty();
    }

    @Test
    void theDefaultAddressIsARegtestP2wpkhThePoolAccepts() throws Exception {
        PayoutScript script = AddressDecoder.decode(LoadPlan.DEFAULT_ADDRESS, Network.REGTEST);

        assertThat(script.type()).isEqualTo(AddressType.P2WPKH);
    }

    @Test
    void usernamesAreTheAddressAndANumberedWorker() {
        LoadPlan plan = plan(LoadProfile.SMOKE);

        assertThat(plan.username(0)).isEqualTo(LoadPlan.DEFAULT_ADDRESS + ".lt1");
        assertThat(plan.username(9)).isEqualTo(LoadPlan.DEFAULT_ADDRESS + ".lt10");
    }

    @Test
    void connectionsAreSpreadEvenlyOverTheRamp() {
        LoadPlan plan = plan(new LoadProfile("custom", 4, 5, Duration.ofSeconds(30), Duration.ofSeconds(2)));

        assertThat(plan.startDelay(0)).isEqualTo(Duration.ZERO);
        assertThat(plan.startDelay(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(plan.startDelay(3)).isEqualTo(Duration.ofMillis(1500));
        assertThat(plan.meanSubmitIntervalNanos()).isEqualTo(12e9);
    }

    @Test
    void badValuesAreRefusedWithTheirName() {
        assertThatThrownBy(() -> plan(new LoadProfile("c", 0, 5, Duration.ofSeconds(30), Duration.ZERO)))
                .hasMessageContaining("miners");
        assertThatThrownBy(() -> plan(new LoadProfile("c", 1, 0, Duration.ofSeconds(30), Duration.ZERO)))
                .hasMessageContaining("rate");
        assertThatThrownBy(() -> plan(new LoadProfile("c", 1, 5, Duration.ofMillis(500), Duration.ZERO)))
                .hasMessageContaining("duration");
        assertThatThrownBy(() -> plan(new LoadProfile("c", 1, 5, Duration.ofSeconds(30), Duration.ofSeconds(31))))
                .hasMessageContaining("ramp");
        assertThatThrownBy(() -> new LoadPlan(LoadProfile.SMOKE, "127.0.0.1", 3333, "two words", "x", false))
                .hasMessageContaining("username prefix");
        assertThatThrownBy(() -> new LoadPlan(LoadProfile.SMOKE, "127.0.0.1", 0, LoadPlan.DEFAULT_ADDRESS, "x", false))
                .hasMessageContaining("port");
    }

    @Test
    void sourceAddressesAreTakenRoundRobinOrLeftToTheSystem() throws Exception {
        List<InetAddress> two = SourceAddresses.parse("127.0.0.2-127.0.0.3");
        LoadPlan spread = new LoadPlan(LoadProfile.SMOKE, "127.0.0.1", 3333, LoadPlan.DEFAULT_ADDRESS, "x", false,
                Duration.ZERO, two, 0);

        assertThat(spread.sourceAddress(0)).isEqualTo(two.get(0));
        assertThat(spread.sourceAddress(1)).isEqualTo(two.get(1));
        assertThat(spread.sourceAddress(4)).isEqualTo(two.get(0));
        assertThat(plan(LoadProfile.SMOKE).sourceAddress(3)).isNull();
    }

    @Test
    void theWarmUpMustLeaveSomethingToMeasureAndTheThreadsMustBeSane() {
        assertThatThrownBy(() -> new LoadPlan(LoadProfile.SMOKE, "127.0.0.1", 3333, LoadPlan.DEFAULT_ADDRESS, "x", false,
                Duration.ofSeconds(30), List.of(), 0)).hasMessageContaining("warmup");
        assertThatThrownBy(() -> new LoadPlan(LoadProfile.SMOKE, "127.0.0.1", 3333, LoadPlan.DEFAULT_ADDRESS, "x", false,
                Duration.ofSeconds(-1), List.of(), 0)).hasMessageContaining("warmup");
        assertThatThrownBy(() -> new LoadPlan(LoadProfile.SMOKE, "127.0.0.1", 3333, LoadPlan.DEFAULT_ADDRESS, "x", false,
                Duration.ZERO, List.of(), LoadPlan.MAX_IO_THREADS + 1)).hasMessageContaining("io threads");
    }

    private static LoadPlan plan(LoadProfile p) {
        return new LoadPlan(p, "127.0.0.1", 3333, LoadPlan.DEFAULT_ADDRESS, "x", false);
    }
}
