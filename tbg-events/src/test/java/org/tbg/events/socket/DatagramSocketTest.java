package org.tbg.events.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.EventType;
import org.tbg.events.TestEvents;
import org.tbg.events.bus.EventBus;
import org.tbg.events.bus.EventBusSettings;

@Timeout(60)
class DatagramSocketTest {
    private static final Duration FLUSH = Duration.ofSeconds(15);
    private final TestEvents events = new TestEvents();
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<byte[]> received = new CopyOnWriteArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private DatagramSocketSource listen(Path path) throws Exception {
        DatagramSocketSource source = DatagramSocketSource.bind(path, received::add);
        open.add(source);
        return source;
    }

    private EventBus bus(Path path) throws Exception {
        EventBus bus = EventBus.start(new EventBusSettings(EnumSet.allOf(EventType.class), 4096, 256),
                List.of(DatagramSocketSink.open(path)));
        open.add(bus);
        return bus;
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

    private List<Event> decodedReceived() throws Exception {
        List<Event> out = new ArrayList<>();
        for (byte[] datagram : received) {
            out.add(EventCodec.decode(datagram));
        }
        return out;
    }

    @Test
    void everyEventArrivesAsOneDatagramInOrder() throws Exception {
        Path path = tmp.resolve("ckpool/events.sock");
        DatagramSocketSource source = listen(path);
        EventBus bus = bus(path);

        // far more than the kernel queues per socket (net.unix.max_dgram_qlen): the sender must wait, not drop
        List<Event> sent = emit(bus, 3000);
        assertThat(bus.flush(FLUSH)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() >= 3000);

        assertThat(decodedReceived()).containsExactlyElementsOf(sent);
        assertThat(bus.emitted("socket")).isEqualTo(3000);
        assertThat(bus.dropped("socket")).isZero();
        assertThat(source.received()).isEqualTo(3000);
    }

    @Test
    void withoutAListenerEventsAreDroppedAndALaterListenerGetsTheNextOnes() throws Exception {
        Path path = tmp.resolve("events.sock");
        EventBus bus = bus(path);

        emit(bus, 100); // nobody there: ENOENT
        assertThat(bus.flush(FLUSH)).isTrue();
        assertThat(bus.dropped("socket")).isEqualTo(100);
        assertThat(bus.emitted("socket")).isZero();

        DatagramSocketSource first = listen(path);
        List<Event> toFirst = emit(bus, 10);
        assertThat(bus.flush(FLUSH)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 10);
        assertThat(decodedReceived()).containsExactlyElementsOf(toFirst);

        first.close(); // the listener goes away: the connected socket now gets ECONNREFUSED
        emit(bus, 5);
        assertThat(bus.flush(FLUSH)).isTrue();
        assertThat(bus.dropped("socket")).isEqualTo(105);

        received.clear();
        listen(path); // a restarted collector on the same path
        List<Event> toSecond = emit(bus, 7);
        assertThat(bus.flush(FLUSH)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 7);
        assertThat(decodedReceived()).containsExactlyElementsOf(toSecond);
        assertThat(bus.emitted("socket")).isEqualTo(17);
    }

    @Test
    void aStaleSocketFileIsReplacedButALiveOneOrAPlainFileIsRefused() throws Exception {
        Path stale = tmp.resolve("stale.sock");
        try (ServerSocketChannel crashed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            crashed.bind(UnixDomainSocketAddress.of(stale)); // closing leaves the file behind
        }
        assertThat(stale).exists();
        listen(stale);
        DatagramSocketSink sink = DatagramSocketSink.open(stale);
        open.add(sink::close);
        Event e = events.share(1);
        sink.write(List.of(e));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        assertThat(decodedReceived()).containsExactly(e);

        assertThatThrownBy(() -> DatagramSocketSource.bind(stale, b -> { }))
                .hasMessageContaining("already listens");
        Path plain = Files.writeString(tmp.resolve("plain"), "keep me");
        assertThatThrownBy(() -> DatagramSocketSource.bind(plain, b -> { }))
                .hasMessageContaining("not a socket");
        assertThat(plain).hasContent("keep me");
    }

    @Test
    void aThrowingHandlerIsCountedAndReceivingGoesOn() throws Exception {
        Path path = tmp.resolve("h.sock");
        DatagramSocketSource source = DatagramSocketSource.bind(path, bytes -> {
            if (received.size() % 2 == 0) {
                received.add(bytes);
                throw new IllegalStateException("collector hiccup");
            }
            received.add(bytes);
        });
        open.add(source);
        EventBus bus = bus(path);
        emit(bus, 10);
        assertThat(bus.flush(FLUSH)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> source.received() == 10);
        assertThat(source.handlerFailures()).isEqualTo(5);
        assertThat(received).hasSize(10);
    }
}
