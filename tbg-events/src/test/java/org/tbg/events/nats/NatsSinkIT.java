package org.tbg.events.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.EventType;
import org.tbg.events.TestEvents;
import org.tbg.events.bus.EventBus;
import org.tbg.events.bus.EventBusSettings;
import org.tbg.events.bus.EventSink;
import org.tbg.testkit.NatsServer;
import org.tbg.testkit.Ports;

/** {@link NatsSink} against a real nats-server with JetStream ({@code -Dtbg.nats.server=PATH}). */
@Timeout(120)
@SuppressWarnings("try") // jnats' Connection.close() throws InterruptedException
class NatsSinkIT {
    /** Short, so the outage test sees its losses soon. */
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(1);
    /** For tests that must lose nothing: the production timeout, room for a busy machine. */
    private static final Duration PRODUCTION_ACK_TIMEOUT = NatsSink.ACK_TIMEOUT;
    private static final Duration FLUSH = Duration.ofSeconds(20);
    private final TestEvents events = new TestEvents();

    private static EventBus bus(EventSink sink) {
        return EventBus.start(new EventBusSettings(EnumSet.allOf(EventType.class), 16_384, 512), List.of(sink));
    }

    private List<Event> emit(EventBus bus, int n) {
        List<Event> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Event e = events.share(i);
            sent.add(e);
            bus.emit(e);
        }
        return sent;
    }

    @Test
    void everyEventLandsOnceOnItsSubjectAndRepublishingChangesNothing() throws Exception {
        try (NatsServer nats = NatsServer.launch();
             EventBus bus = bus(NatsSink.connect(nats.url(), "tbg-pool-eu-1", PRODUCTION_ACK_TIMEOUT));
             Connection reader = Nats.connect(nats.url())) {
            List<Event> sent = emit(bus, 2000);
            Map<String, Object> tip = new LinkedHashMap<>();
            tip.put("height", 840_000L);
            tip.put("hash", "00".repeat(32));
            tip.put("prev_hash", "11".repeat(32));
            tip.put("diff", 8.6e13);
            Event block = events.of(EventType.NEW_BLOCK_NETWORK, tip);
            sent.add(block);
            bus.emit(block);
            assertThat(bus.flush(FLUSH)).isTrue();
            assertThat(bus.emitted("nats")).isEqualTo(2001);
            assertThat(bus.dropped("nats")).isZero();
            assertThat(messageCount(reader)).isEqualTo(2001);

            List<Message> stored = readAll(reader, 2001);
            assertThat(stored).hasSize(2001);
            List<Event> decoded = new ArrayList<>();
            for (Message m : stored) {
                Event e = EventCodec.decode(m.getData());
                assertThat(m.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(e.eventId().toString());
                assertThat(m.getSubject()).isEqualTo(EventStream.subject(e));
                decoded.add(e);
            }
            assertThat(decoded).containsExactlyElementsOf(sent);
            assertThat(stored.get(2000).getSubject()).isEqualTo("tbg.events.eu.new_block_network");

            // the same events again (a pool replaying its journal): the server drops them by Nats-Msg-Id
            for (Event e : sent) {
                bus.emit(e);
            }
            assertThat(bus.flush(FLUSH)).isTrue();
            assertThat(bus.emitted("nats")).isEqualTo(4002);
            assertThat(bus.dropped("nats")).isZero();
            assertThat(messageCount(reader)).isEqualTo(2001);
        }
    }

    @Test
    void aServerOutageNeverBlocksEmitCountsTheLossesAndPublishingResumes() throws Exception {
        try (NatsServer nats = NatsServer.launch()) {
            NatsSink sink = NatsSink.connect(nats.url(), "tbg-pool-eu-1", ACK_TIMEOUT);
            try (EventBus bus = bus(sink)) {
                emit(bus, 100);
                assertThat(bus.flush(FLUSH)).isTrue();
                assertThat(bus.emitted("nats")).isEqualTo(100);

                nats.stop();
                long slowest = 0;
                long start = System.nanoTime();
                for (int i = 0; i < 3000; i++) {
                    long t = System.nanoTime();
                    bus.emit(events.share(i));
                    slowest = Math.max(slowest, System.nanoTime() - t);
                }
                long total = System.nanoTime() - start;
                assertThat(TimeUnit.NANOSECONDS.toMillis(slowest)).as("slowest emit, ms").isLessThan(100);
                assertThat(TimeUnit.NANOSECONDS.toMillis(total)).as("3000 emits, ms").isLessThan(2000);

                // every event of the outage is lost for nats exactly once: not acked in time, or not queued
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(bus.dropped("nats")).isEqualTo(3000));

                nats.start();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> sink.connection().getStatus() == Connection.Status.CONNECTED);
                List<Event> after = emit(bus, 50);
                assertThat(bus.flush(FLUSH)).isTrue();
                assertThat(bus.dropped("nats")).as("nothing lost after the restart").isEqualTo(3000);
                assertThat(bus.emitted("nats")).isEqualTo(100 + 3000 + 50);
                try (Connection reader = Nats.connect(nats.url())) {
                    List<Message> stored = readAll(reader, (int) messageCount(reader));
                    assertThat(stored).extracting(m -> m.getHeaders().getFirst("Nats-Msg-Id"))
                            .containsAll(after.stream().map(e -> e.eventId().toString()).toList());
                }
            }
        }
    }

    @Test
    void aSinkOpenedWhileNatsIsDownCountsTheEventsAsDroppedAndConnectsOnceNatsIsUp() throws Exception {
        try (NatsServer nats = NatsServer.launch()) {
            nats.stop();
            RetryingNatsSink sink = RetryingNatsSink.open(
                    () -> NatsSink.connect(nats.url(), "tbg-pool-eu-1", PRODUCTION_ACK_TIMEOUT), Duration.ofMillis(200));
            assertThat(sink.connected()).isFalse();
            try (EventBus bus = bus(sink)) {
                emit(bus, 40);
                assertThat(bus.flush(FLUSH)).isTrue();
                assertThat(bus.dropped("nats")).as("events while NATS was never reached").isEqualTo(40);
                assertThat(bus.emitted("nats")).isZero();

                nats.start();
                // the sink only tries on a write: keep emitting until one gets through
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    bus.emit(events.share(0));
                    return bus.flush(FLUSH) && sink.connected();
                });
                long droppedBefore = bus.dropped("nats");
                List<Event> after = emit(bus, 50);
                assertThat(bus.flush(FLUSH)).isTrue();
                assertThat(bus.dropped("nats")).as("nothing lost once connected").isEqualTo(droppedBefore);
                try (Connection reader = Nats.connect(nats.url())) {
                    List<Message> stored = readAll(reader, (int) messageCount(reader));
                    assertThat(stored).extracting(m -> m.getHeaders().getFirst("Nats-Msg-Id"))
                            .containsAll(after.stream().map(e -> e.eventId().toString()).toList());
                }
            }
        }
    }

    @Test
    void aFailedFirstConnectionSaysWhereWithoutTheCredentials() {
        String url = "nats://alice:s3cret@127.0.0.1:" + Ports.freePort();
        assertThatThrownBy(() -> NatsSink.connect(url, "tbg-pool-eu-1"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("nats://***@127.0.0.1:")
                .satisfies(e -> assertThat(e.toString()).doesNotContain("s3cret"));
    }

    private static long messageCount(Connection nc) throws Exception {
        return nc.jetStreamManagement().getStreamInfo(EventStream.NAME).getStreamState().getMsgCount();
    }

    /** Reads the stream from the start with an ephemeral pull consumer. */
    private static List<Message> readAll(Connection nc, int expected) throws Exception {
        JetStreamSubscription sub = nc.jetStream().subscribe(EventStream.ALL_SUBJECTS,
                PullSubscribeOptions.builder().stream(EventStream.NAME).build());
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (out.size() < expected && System.nanoTime() < deadline) {
            for (Message m : sub.fetch(Math.min(1000, expected - out.size()), Duration.ofSeconds(1))) {
                m.ack();
                out.add(m);
            }
        }
        sub.unsubscribe();
        return out;
    }
}
