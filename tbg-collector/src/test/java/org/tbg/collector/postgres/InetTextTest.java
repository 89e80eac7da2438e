package org.tbg.collector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InetTextTest {

    @Test
    void keepsAddresses() {
        assertThat(InetText.canonical("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(InetText.canonical("0.0.0.0")).isEqualTo("0.0.0.0");
        assertThat(InetText.canonical("::1")).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(InetText.canonical("2001:db8::7")).isEqualTo("2001:db8:0:0:0:0:0:7");
        assertThat(InetText.canonical("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void refusesWhatIsNotAnAddressWithoutAskingDns() {
        assertThat(InetText.canonical(null)).isNull();
        assertThat(InetText.canonical("")).isNull();
        assertThat(InetText.canonical("unknown")).isNull();
        assertThat(InetText.canonical("localhost")).isNull();
        assertThat(InetText.canonical("256.1.1.1")).isNull();
        assertThat(InetText.canonical("1.2.3")).isNull();
        assertThat(InetText.canonical("01.2.3.4")).isNull();
        assertThat(InetText.canonical("1::2::3")).isNull();
        assertThat(InetText.canonical("fe80::1%eth0")).isNull();
        assertThat(InetText.canonical(".:1")).isNull();
        assertThat(InetText.canonical("abc")).isNull();
        assertThat(InetText.canonical("203.0.113.7:3333")).isNull();
    }
}
