package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostPolicyTest {
    private final HostPolicy loopbackOnly = HostPolicy.allowing(List.of());

    @Test
    void loopbackAddressesAreAllowed() {
        assertThat(loopbackOnly.refusal("127.0.0.1")).isEmpty();
        assertThat(loopbackOnly.refusal("127.3.2.1")).isEmpty();
        assertThat(loopbackOnly.refusal("::1")).isEmpty();
        assertThat(loopbackOnly.refusal("[::1]")).isEmpty();
        assertThat(loopbackOnly.refusal("localhost")).isEmpty();
    }

    @Test
    void everythingElseIsRefusedWithTheWayOut() {
        for (String host : List.of("10.0.0.7", "192.168.1.20", "0.0.0.0", "8.8.8.8", "2001:db8::1", "::", "pool.example.com",
                "localhost.evil.example")) {
            assertThat(loopbackOnly.refusal(host)).as(host).hasValueSatisfying(why ->
                    assertThat(why).contains("refusing to load " + host).contains("--allow-host"));
        }
    }

    @Test
    void allowedNetworksHostsAndNamesAreAccepted() {
        HostPolicy policy = HostPolicy.allowing(List.of("10.200.0.0/24", "192.168.7.9", "fd00:1::/64", "Pool-NS.test"));

        assertThat(policy.refusal("10.200.0.1")).isEmpty();
        assertThat(policy.refusal("10.200.0.255")).isEmpty();
        assertThat(policy.refusal("10.200.1.1")).isPresent();
        assertThat(policy.refusal("192.168.7.9")).isEmpty();
        assertThat(policy.refusal("192.168.7.10")).isPresent();
        assertThat(policy.refusal("fd00:1::42")).isEmpty();
        assertThat(policy.refusal("fd00:2::42")).isPresent();
        assertThat(policy.refusal("pool-ns.test")).isEmpty();
        assertThat(policy.refusal("other-ns.test")).isPresent();
    }

    @Test
    void prefixesThatAreNotWholeBytesAreMatchedBitByBit() {
        HostPolicy policy = HostPolicy.allowing(List.of("172.16.0.0/12"));

        assertThat(policy.refusal("172.16.0.1")).isEmpty();
        assertThat(policy.refusal("172.31.255.254")).isEmpty();
        assertThat(policy.refusal("172.32.0.1")).isPresent();
        assertThat(policy.refusal("172.15.255.255")).isPresent();
    }

    @Test
    void badEntriesAreRejectedWithTheEntry() {
        assertThatThrownBy(() -> HostPolicy.allowing(List.of("10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> HostPolicy.allowing(List.of("pool.test/8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool.test/8");
        assertThatThrownBy(() -> HostPolicy.allowing(List.of("not a host")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
