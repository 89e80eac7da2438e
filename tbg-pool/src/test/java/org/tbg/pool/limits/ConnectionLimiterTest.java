package org.tbg.pool.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final LimitSettings OFF = LimitSettings.lineAndAuthOnly(4096, Duration.ofSeconds(60));

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void theConnectionRateIsABurstThenTheSteadyRate() throws Exception {
        ConnectionLimiter l = new ConnectionLimiter(OFF.withConnectionsPerIp(6, 0), 1000);
        InetAddress a = ip("192.0.2.1");
        long t = 1_000 * SECOND;
        for (int i = 0; i < 6; i++) {
            assertThat(l.admit(a, t)).as("connection %d of the burst", i).isNull();
        }
        assertThat(l.admit(a, t)).isEqualTo(Refusal.CONNECTION_RATE_PER_IP);
        assertThat(l.admit(ip("192.0.2.2"), t)).as("another address has its own bucket").isNull();
        // 6 per minute: one more token every 10 s
        assertThat(l.admit(a, t + 9 * SECOND)).isEqualTo(Refusal.CONNECTION_RATE_PER_IP);
        assertThat(l.admit(a, t + 10 * SECOND)).isNull();
        assertThat(l.admit(a, t + 11 * SECOND)).isEqualTo(Refusal.CONNECTION_RATE_PER_IP);
        assertThat(l.open()).isEqualTo(8);
    }

    @Test
    void theCapCountsOpenConnectionsAndReleaseFreesASlot() throws Exception {
        ConnectionLimiter l = new ConnectionLimiter(OFF.withConnectionsPerIp(0, 2), 1000);
        InetAddress a = ip("198.51.100.4");
        assertThat(l.admit(a, 0)).isNull();
        assertThat(l.admit(a, 0)).isNull();
        assertThat(l.admit(a, 0)).isEqualTo(Refusal.MAX_CONNECTIONS_PER_IP);
        l.release(a, 0);
        assertThat(l.admit(a, 0)).isNull();
        l.release(a, 0);
        l.release(a, 0);
        assertThat(l.open()).isZero();
        assertThat(l.trackedAddresses()).as("an address with nothing open is forgotten").isZero();
    }

    @Test
    void maxclientsAppliesToEveryoneIncludingExemptAddresses() throws Exception {
        ConnectionLimiter l = new ConnectionLimiter(OFF.withExemptIps(List.of(IpRange.parse("10.0.0.0/8"))), 2);
        assertThat(l.admit(ip("10.0.0.1"), 0)).isNull();
        assertThat(l.admit(ip("192.0.2.1"), 0)).isNull();
        assertThat(l.admit(ip("10.0.0.2"), 0)).isEqualTo(Refusal.MAX_CLIENTS);
        assertThat(l.open()).isEqualTo(2);
        l.release(ip("10.0.0.1"), 0);
        assertThat(l.admit(ip("10.0.0.2"), 0)).isNull();
    }

    @Test
    void aBanRefusesTheAddressUntilItExpiresAndExemptAddressesAreNeverBanned() throws Exception {
        LimitSettings s = OFF.withInvalidShares(10, Duration.ofSeconds(30)).withExemptIps(List.of(IpRange.parse("127.0.0.9")));
        ConnectionLimiter l = new ConnectionLimiter(s, 1000);
        InetAddress bad = ip("203.0.113.5");
        long t = 50 * SECOND;
        assertThat(l.ban(bad, t)).isTrue();
        assertThat(l.admit(bad, t + 29 * SECOND)).isEqualTo(Refusal.BANNED);
        assertThat(l.admit(ip("203.0.113.6"), t)).isNull();
        assertThat(l.admit(bad, t + 30 * SECOND)).isNull();

        assertThat(l.ban(ip("127.0.0.9"), t)).isFalse();
        assertThat(l.admit(ip("127.0.0.9"), t)).isNull();
        assertThat(new ConnectionLimiter(OFF.withInvalidShares(10, Duration.ZERO), 10).ban(bad, t))
                .as("ban_seconds 0: no bans").isFalse();
    }

    @Test
    void anIpv6ClientIsLimitedByItsSlash64() throws Exception {
        ConnectionLimiter l = new ConnectionLimiter(OFF.withConnectionsPerIp(0, 1), 1000);
        assertThat(l.admit(ip("2001:db8:1:2::1"), 0)).isNull();
        assertThat(l.admit(ip("2001:db8:1:2::ffff"), 0)).isEqualTo(Refusal.MAX_CONNECTIONS_PER_IP);
        assertThat(l.admit(ip("2001:db8:1:3::1"), 0)).isNull();
    }

    @Test
    void sweepForgetsRefilledAddressesAndExpiredBans() throws Exception {
        ConnectionLimiter l = new ConnectionLimiter(OFF.withConnectionsPerIp(60, 0).withInvalidShares(1, Duration.ofSeconds(5)), 1000);
        for (int i = 1; i <= 50; i++) {
            InetAddress a = ip("192.0.2." + i);
            assertThat(l.admit(a, 0)).isNull();
            l.release(a, 0);
        }
        l.ban(ip("198.51.100.1"), 0);
        assertThat(l.trackedAddresses()).as("buckets not yet refilled").isEqualTo(50);
        l.sweep(2 * SECOND);
        assertThat(l.trackedAddresses()).as("a token comes back each second").isZero();
        assertThat(l.bannedAddresses()).isEqualTo(1);
        l.sweep(5 * SECOND);
        assertThat(l.bannedAddresses()).isZero();
    }
}
