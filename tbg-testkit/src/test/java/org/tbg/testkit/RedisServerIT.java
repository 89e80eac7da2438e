package org.tbg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link RedisServer} with the real Lettuce client ({@code -Dtbg.redis.server=PATH}). */
@Timeout(60)
class RedisServerIT {

    @Test
    void servesAndComesBackEmptyAfterStopAndKill() {
        try (RedisServer redis = RedisServer.launch()) {
            RedisClient client = RedisClient.create(redis.url());
            client.setOptions(ClientOptions.builder()
                    .autoReconnect(false)
                    .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                    .build());
            try {
                try (StatefulRedisConnection<String, String> c = client.connect()) {
                    c.sync().set("miner", "alice");
                    assertThat(c.sync().get("miner")).isEqualTo("alice");
                }

                redis.stop();
                assertThat(redis.isRunning()).isFalse();
                assertThatThrownBy(() -> client.connect().close()).isInstanceOf(RedisConnectionException.class);

                redis.start();
                try (StatefulRedisConnection<String, String> c = client.connect()) {
                    assertThat(c.sync().get("miner")).as("no persistence: a restart is empty").isNull();
                    c.sync().set("miner", "bob");
                }

                redis.kill();
                assertThat(redis.isRunning()).isFalse();
                assertThatThrownBy(() -> client.connect().close()).isInstanceOf(RedisConnectionException.class);

                redis.start();
                try (StatefulRedisConnection<String, String> c = client.connect()) {
                    assertThat(c.sync().ping()).isEqualTo("PONG");
                }
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
    }
}
