package org.tbg.pool.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @Test
    void aBlockContainsItsAddressesOnly() throws Exception {
        IpRange r = IpRange.parse("10.1.0.0/16");
        assertThat(r.contains(InetAddress.getByName("10.1.0.0"))).isTrue();
        assertThat(r.contains(InetAddress.getByName("10.1.255.7"))).isTrue();
        assertThat(r.contains(InetAddress.getByName("10.2.0.1"))).isFalse();
        assertThat(r.contains(InetAddress.getByName("::ffff:0a01:0001"))).as("IPv4-mapped is IPv4 in Java").isTrue();
        assertThat(r.contains(InetAddress.getByName("2001:db8::1"))).isFalse();
    }

    @Test
    void aBareAddressIsABlockOfOne() throws Exception {
        IpRange r = IpRange.parse(" 127.0.0.2 ");
        assertThat(r).isEqualTo(IpRange.parse("127.0.0.2/32"));
        assertThat(r.contains(InetAddress.getByName("127.0.0.2"))).isTrue();
        assertThat(r.contains(InetAddress.getByName("127.0.0.1"))).isFalse();
        assertThat(r.toString()).isEqualTo("127.0.0.2/32");
    }

    @Test
    void hostBitsAreIgnoredAndIpv6Works() throws Exception {
        assertThat(IpRange.parse("192.168.1.77/24")).isEqualTo(IpRange.parse("192.168.1.0/24"));
        IpRange v6 = IpRange.parse("2001:db8:aa::/48");
        assertThat(v6.contains(InetAddress.getByName("2001:db8:aa:1::5"))).isTrue();
        assertThat(v6.contains(InetAddress.getByName("2001:db8:ab::5"))).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "pool.example", "10.0.0", "10.0.0.256", "10.0.0.0/33", "10.0.0.0/-1",
            "10.0.0.0/x", "::1/129", "1.2.3.4.5"})
    void anythingButAnIpLiteralIsRefused(String text) {
        assertThatThrownBy(() -> IpRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
