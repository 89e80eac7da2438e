package org.tbg.events.nats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoggableUrlsTest {
    @Test
    void hidesUserInfoInEveryUrlOfALineAndLeavesTheRest() {
        assertThat(LoggableUrls.redact("nats://alice:s3cr%40t@nats-1:4222,tls://token@nats-2:4222 and nats://nats-3:4222"))
                .isEqualTo("nats://***@nats-1:4222,tls://***@nats-2:4222 and nats://nats-3:4222");
        assertThat(LoggableUrls.redact("Unable to connect to NATS servers: [nats://u:p@127.0.0.1:1]"))
                .doesNotContain("u:p").contains("nats://***@127.0.0.1:1");
        assertThat(LoggableUrls.redact(null)).isNull();
    }
}
