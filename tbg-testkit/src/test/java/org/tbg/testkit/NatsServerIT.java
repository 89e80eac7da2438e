package org.tbg.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link NatsServer} with the real jnats client ({@code -Dtbg.nats.server=PATH}). */
@Timeout(60)
@SuppressWarnings("try") // jnats' Connection.close() throws InterruptedException; the test methods pass it on
class NatsServerIT {
    private static final String STREAM = "EVENTS";

    @Test
    void jetStreamDeduplicatesAndKeepsItsStreamsAcrossStopAndKill() throws Exception {
        try (NatsServer nats = NatsServer.launch()) {
            assertThat(nats.url()).isEqualTo("nats://127.0.0.1:" + nats.port());
            try (Connection nc = connect(nats)) {
                nc.jetStreamManagement().addStream(StreamConfiguration.builder()
                        .name(STREAM).subjects("events.>").storageType(StorageType.File).build());
                JetStream js = nc.jetStream();

                PublishAck first = js.publish(event("share-1"));
                PublishAck again = js.publish(event("share-1"));

                assertThat(first.isDuplicate()).isFalse();
                assertThat(again.isDuplicate()).as("same Nats-Msg-Id").isTrue();
                assertThat(again.getSeqno()).isEqualTo(first.getSeqno());
                assertThat(messageCount(nc)).isEqualTo(1);
            }

            nats.stop();
            assertThat(nats.isRunning()).isFalse();
            assertThatThrownBy(() -> connect(nats).close()).isInstanceOf(IOException.class);

            nats.start();
            try (Connection nc = connect(nats)) {
                assertThat(messageCount(nc)).as("messages after a clean restart").isEqualTo(1);
                assertThat(nc.jetStream().publish(event("share-2")).getSeqno()).isEqualTo(2);
            }

            nats.kill();
            assertThat(nats.isRunning()).isFalse();
            assertThatThrownBy(() -> connect(nats).close()).isInstanceOf(IOException.class);

            nats.start();
            try (Connection nc = connect(nats)) {
                assertThat(messageCount(nc)).as("messages after a crash").isEqualTo(2);
            }
        }
    }

    private static Connection connect(NatsServer nats) throws IOException, InterruptedException {
        return Nats.connect(Options.builder()
                .server(nats.url())
                .connectionTimeout(Duration.ofSeconds(2))
                .noReconnect()
                .errorListener(new ErrorListener() {}) // the default one logs the expected refusals as SEVERE
                .build());
    }

    private static NatsMessage event(String msgId) {
        Headers headers = new Headers().add("Nats-Msg-Id", msgId);
        return NatsMessage.builder()
                .subject("events.share")
                .headers(headers)
                .data("{\"id\":\"" + msgId + "\"}".getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static long messageCount(Connection nc) throws Exception {
        return nc.jetStreamManagement().getStreamInfo(STREAM).getStreamState().getMsgCount();
    }
}
