package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    @Test
    void rangesAndSingleAddressesInTheOrderGiven() throws Exception {
        List<InetAddress> a = SourceAddresses.parse("127.0.0.2-127.0.0.4, ::1");

        assertThat(a).containsExactly(InetAddress.getByName("127.0.0.2"), InetAddress.getByName("127.0.0.3"),
                InetAddress.getByName("127.0.0.4"), InetAddress.getByName("::1"));
    }

    @Test
    void aRangeCarriesAcrossOctets() throws Exception {
        List<InetAddress> a = SourceAddresses.parse("127.0.0.254-127.0.1.1");

        assertThat(a).containsExactly(InetAddress.getByName("127.0.0.254"), InetAddress.getByName("127.0.0.255"),
                InetAddress.getByName("127.0.1.0"), InetAddress.getByName("127.0.1.1"));
    }

    @Test
    void whatIsNotAnAddressListIsRefusedWithThePart() {
        assertThatThrownBy(() -> SourceAddresses.parse("localhost")).hasMessageContaining("not an IP address: 'localhost'");
        assertThatThrownBy(() -> SourceAddresses.parse("127.0.0.9-127.0.0.2")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> SourceAddresses.parse("::1-::2")).hasMessageContaining("IPv4 only");
        assertThatThrownBy(() -> SourceAddresses.parse("127.0.0.0-127.0.1.0")).hasMessageContaining("more than 256");
        assertThatThrownBy(() -> SourceAddresses.parse("127.0.0.1,,127.0.0.2")).hasMessageContaining("not an IP address");
    }
}
