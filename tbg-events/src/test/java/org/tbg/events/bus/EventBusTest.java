package org.tbg.events.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.events.Event;
import org.tbg.events.EventType;
import org.tbg.events.TestEvents;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class EventBusTest {
    private static final Duration FLUSH = Duration.ofSeconds(10);
    private final TestEvents events = new TestEvents();
    private final List<EventBus> buses = new ArrayList<>();

    @AfterEach
    void closeBuses() {
        buses.forEach(EventBus::close);
    }

    private EventBus start(int queueSize, int maxBatch, EventSink... sinks) {
        EventBus bus = EventBus.start(new EventBusSettings(EnumSet.allOf(EventType.class), queueSize, maxBatch),
                List.of(sinks));
        buses.add(bus);
        return bus;
    }

    @Test
    void onlyAcceptedTypesReachTheSinks() {
        RecordingSink sink = new RecordingSink("journal");
        EventBus bus = EventBus.start(new EventBusSettings(Set.of(EventType.SHARE_SUBMITTED, EventType.BLOCK_FOUND),
                1024, 64), List.of(sink));
        buses.add(bus);

        assertThat(bus.accepts(EventType.SHARE_SUBMITTED)).isTrue();
        assertThat(bus.accepts(EventType.BLOCK_FOUND)).isTrue();
        assertThat(bus.accepts(EventType.HASHRATE_UPDATE)).isFalse();
        Event share = events.share(1);
        bus.emit(events.of(EventType.NEW_BLOCK_NETWORK, Map.of("height", 1L)));
        bus.emit(share);
        assertThat(bus.flush(FLUSH)).isTrue();

        assertThat(sink.events).containsExactly(share);
        assertThat(bus.emitted("journal")).isEqualTo(1);
        assertThat(bus.dropped("journal")).isZero();
    }

    @Test
    void keepsEmissionOrderAcrossBatches() {
        RecordingSink sink = new RecordingSink("journal");
        EventBus bus = start(16_384, 7, sink);
        List<Event> sent = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Event e = events.share(i);
            sent.add(e);
            bus.emit(e);
        }
        assertThat(bus.flush(FLUSH)).isTrue();

        assertThat(sink.events).containsExactlyElementsOf(sent);
        assertThat(sink.largestBatch.get()).isLessThanOrEqualTo(7);
        assertThat(bus.emitted("journal")).isEqualTo(10_000);
    }

    @Test
    void aBlockedSinkDropsItsOwnEventsWithoutHoldingUpEmitOrOtherSinks() throws Exception {
        RecordingSink stuck = new RecordingSink("nats");
        stuck.gate = new CountDownLatch(1);
        RecordingSink healthy = new RecordingSink("journal");
        EventBus bus = start(64, 16, stuck, healthy);

        long emitNanos = 0;
        for (int chunk = 0; chunk < 20; chunk++) {
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                bus.emit(events.share(chunk * 50 + i));
            }
            emitNanos += System.nanoTime() - start;
            int expected = (chunk + 1) * 50;
            // the healthy sink keeps up while the other one is stuck
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(1))
                    .until(() -> healthy.events.size() == expected);
        }

        assertThat(TimeUnit.NANOSECONDS.toMillis(emitNanos)).as("1000 emits with a blocked sink").isLessThan(1000);
        assertThat(bus.dropped("journal")).isZero();
        // the stuck sink holds at most one batch in write and a full queue; the rest is dropped
        assertThat(bus.dropped("nats")).isBetween(1000L - 64 - 16, 1000L - 64);
        assertThat(bus.queued()).isEqualTo(64);

        stuck.gate.countDown();
        assertThat(bus.flush(FLUSH)).isTrue();
        assertThat(bus.emitted("nats")).isEqualTo(stuck.events.size());
        assertThat(bus.emitted("nats") + bus.dropped("nats")).isEqualTo(1000);
        assertThat(bus.queued()).isZero();
    }

    @Test
    void flushReturnsOnceEverythingIsWrittenAndTheSinkFlushed() {
        RecordingSink slow = new RecordingSink("socket");
        slow.writeDelayMillis = 2;
        EventBus bus = start(1024, 10, slow);
        for (int i = 0; i < 200; i++) {
            bus.emit(events.share(i));
        }
        assertThat(bus.flush(FLUSH)).isTrue();

        assertThat(slow.events).hasSize(200);
        assertThat(slow.flushedAt).isNotEmpty();
        assertThat(slow.flushedAt.get(slow.flushedAt.size() - 1)).isEqualTo(200);
    }

    @Test
    void flushGivesUpAtItsTimeout() {
        RecordingSink stuck = new RecordingSink("socket");
        stuck.gate = new CountDownLatch(1);
        EventBus bus = start(1024, 10, stuck);
        bus.emit(events.share(1));

        long start = System.nanoTime();
        boolean flushed = bus.flush(Duration.ofMillis(200));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(flushed).isFalse();
        assertThat(millis).isBetween(190L, 3000L);
        stuck.gate.countDown();
        assertThat(bus.flush(FLUSH)).isTrue();
        assertThat(stuck.events).hasSize(1);
    }

    @Test
    void aFailingSinkCountsItsBatchesAsDroppedAndRecovers() {
        RecordingSink failing = new RecordingSink("nats");
        failing.failing = true;
        RecordingSink healthy = new RecordingSink("journal");
        EventBus bus = start(1024, 16, failing, healthy);
        for (int i = 0; i < 100; i++) {
            bus.emit(events.share(i));
        }
        assertThat(bus.flush(FLUSH)).isTrue();
        assertThat(bus.dropped("nats")).isEqualTo(100);
        assertThat(bus.emitted("nats")).isZero();
        assertThat(bus.emitted("journal")).isEqualTo(100);

        failing.failing = false;
        for (int i = 0; i < 50; i++) {
            bus.emit(events.share(i));
        }
        assertThat(bus.flush(FLUSH)).isTrue();
        assertThat(bus.emitted("nats")).isEqualTo(50);
        assertThat(bus.dropped("nats")).isEqualTo(100);
        assertThat(failing.events).hasSize(50);
    }

    @Test
    void aPartialWriteCountsOnlyWhatWasLost() {
        List<Integer> batchSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        EventSink halfLost = new EventSink() {
            @Override
            public String name() {
                return "socket";
            }

            @Override
            public void write(List<Event> batch) throws PartialWriteException {
                batchSizes.add(batch.size());
                throw new PartialWriteException(batch.size() / 2, "half the datagrams refused", null);
            }

            @Override
            public void close() {
            }
        };
        EventBus bus = start(1024, 8, halfLost);
        for (int i = 0; i < 100; i++) {
            bus.emit(events.share(i));
        }
        assertThat(bus.flush(FLUSH)).isTrue();

        long lost = batchSizes.stream().mapToLong(n -> n / 2).sum();
        assertThat(bus.dropped("socket")).isEqualTo(lost).isPositive();
        assertThat(bus.emitted("socket")).isEqualTo(100 - lost);
    }

    @Test
    void lossesASinkReportsAfterWriteAreDropped() {
        RecordingSink sink = new RecordingSink("nats") {
            @Override
            public long lostAfterWrite() {
                return 7;
            }
        };
        EventBus bus = start(1024, 8, sink);
        assertThat(bus.dropped("nats")).isEqualTo(7);
    }

    @Test
    void fourEmittersLoseNothingWhenTheQueueIsLargeEnough() throws Exception {
        RecordingSink a = new RecordingSink("journal");
        RecordingSink b = new RecordingSink("collector");
        EventBus bus = start(131_072, 512, a, b);

        emitFromFourThreads(bus, 25_000);
        assertThat(bus.flush(FLUSH)).isTrue();

        for (String sink : List.of("journal", "collector")) {
            assertThat(bus.emitted(sink)).as(sink).isEqualTo(100_000);
            assertThat(bus.dropped(sink)).as(sink).isZero();
        }
        assertPerThreadOrder(a.events, 25_000);
        assertPerThreadOrder(b.events, 25_000);
    }

    @Test
    void fourEmittersIntoASlowSinkAccountForEveryEvent() throws Exception {
        RecordingSink slow = new RecordingSink("nats");
        slow.writeDelayMillis = 1;
        EventBus bus = start(1024, 16, slow);

        emitFromFourThreads(bus, 25_000);
        assertThat(bus.flush(FLUSH)).isTrue();

        assertThat(bus.dropped("nats")).isPositive();
        assertThat(bus.emitted("nats") + bus.dropped("nats")).isEqualTo(100_000);
        assertThat(bus.emitted("nats")).isEqualTo(slow.events.size());
    }

    @Test
    void closeWritesWhatIsQueuedClosesTheSinksAndDropsLaterEmits() {
        RecordingSink sink = new RecordingSink("journal");
        sink.writeDelayMillis = 1;
        EventBus bus = start(1024, 10, sink);
        for (int i = 0; i < 100; i++) {
            bus.emit(events.share(i));
        }
        bus.close();

        assertThat(sink.events).hasSize(100);
        assertThat(sink.closed).isTrue();
        for (int i = 0; i < 5; i++) {
            bus.emit(events.share(i));
        }
        bus.emit(null);
        assertThat(bus.emitted("journal")).isEqualTo(100);
        assertThat(bus.dropped("journal")).isEqualTo(5);
    }

    @Test
    void idleSinkThreadsDoNotSpin() throws Exception {
        start(1024, 16, new RecordingSink("idle-a"), new RecordingSink("idle-b"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> ids = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("tbg-events-idle-")) {
                ids.add(t.getId());
            }
        }
        assertThat(ids).hasSize(2);
        long before = ids.stream().mapToLong(threads::getThreadCpuTime).sum();
        Thread.sleep(300);
        long usedMillis = TimeUnit.NANOSECONDS.toMillis(ids.stream().mapToLong(threads::getThreadCpuTime).sum() - before);

        // two spinning threads would use ~600 ms of CPU here; parked ones a few ms
        assertThat(usedMillis).isLessThan(100);
    }

    @Test
    void refusesDuplicateSinkNamesAndBadSettings() {
        assertThatThrownBy(() -> start(1024, 8, new RecordingSink("nats"), new RecordingSink("nats")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nats");
        assertThatThrownBy(() -> new EventBusSettings(EnumSet.allOf(EventType.class), 1, 8))
                .hasMessageContaining("events.queue_size");
        assertThatThrownBy(() -> new EventBusSettings(EnumSet.allOf(EventType.class), 1024, 0))
                .isInstanceOf(IllegalArgumentException.class);
        EventBus bus = start(1024, 8, new RecordingSink("journal"));
        assertThatThrownBy(() -> bus.emitted("kafka")).hasMessageContaining("kafka");
        assertThat(bus.sinkNames()).containsExactly("journal");
    }

    private void emitFromFourThreads(EventBus bus, int perThread) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String worker = "t" + t;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        bus.emit(events.share(worker, i));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Events of one emitting thread arrive in the order that thread emitted them, none missing. */
    private static void assertPerThreadOrder(List<Event> received, int perThread) {
        Map<String, Long> next = new HashMap<>();
        for (Event e : received) {
            long expected = next.getOrDefault(e.text("worker"), 0L);
            assertThat(e.integer("client_id", -1)).as(e.text("worker")).isEqualTo(expected);
            next.put(e.text("worker"), expected + 1);
        }
        assertThat(next).hasSize(4).allSatisfy((worker, count) -> assertThat(count).isEqualTo(perThread));
    }
}
