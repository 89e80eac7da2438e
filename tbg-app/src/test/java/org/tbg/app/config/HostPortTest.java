package org.tbg.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0:3333, 0.0.0.0, 3333",
        "bitcoin-eu:38332, bitcoin-eu, 38332",
        "localhost:1, localhost, 1",
        "[::1]:65535, ::1, 65535",
        "[2001:db8::7]:3333, 2001:db8::7, 3333",
    })
    void parsesHostAndPortAndWritesThemBack(String text, String host, int port) {
        HostPort parsed = HostPort.parse(text).orElseThrow();

        assertThat(parsed).isEqualTo(new HostPort(host, port));
        assertThat(parsed.toString()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", "host:", ":3333", "host:0", "host:65536", "host:99999999", "host:+80",
        "host:8o", "::1:3333", "[]:3333", "my host:3333", "host:-1"})
    void rejectsWhatIsNotHostColonPort(String text) {
        assertThat(HostPort.parse(text)).isEmpty();
    }
}
