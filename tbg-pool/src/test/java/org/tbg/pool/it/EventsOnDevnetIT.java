package org.tbg.pool.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.EventFactory;
import org.tbg.events.EventIdentity;
import org.tbg.events.EventType;
import org.tbg.pool.Pool;
import org.tbg.pool.event.EventEmitter;
import org.tbg.pool.event.HashrateReporter;
import org.tbg.stratum.miner.MinerStats;
import org.tbg.testkit.DevnetNode;

/**
 * The events a mining pool emits, checked the way a consumer reads them: every event is encoded and
 * decoded with the collector's codec (so every required field is present and typed), and the counts
 * match what the miner saw.
 */
class EventsOnDevnetIT {

    @Test
    void everyShareConnectionAndBlockBecomesOneWellFormedEvent() throws Exception {
        List<Event> emitted = Collections.synchronizedList(new ArrayList<>());
        EventFactory factory = new EventFactory(EventIdentity.hosted("eu", "eu-it"));
        String address = TestAddresses.payout(AddressType.P2WPKH, "events").address();
        try (DevnetNode node = DevnetNode.start()) {
            TestSettings s = new TestSettings(List.of(node.endpoint()), Files.createTempDirectory("tbg-events-it"));
            // Shares of difficulty 1 take billions of hashes: the miner sends only its block candidates (one per
            // job), so no second block at a height ends up on a side branch ("inconclusive", never a tip).
            s.minDiff = 1;
            s.startDiff = 1;
            Pool[] started = new Pool[1];
            EventEmitter emitter = new EventEmitter(factory, t -> true, emitted::add, () -> started[0].hashrates());
            try (PoolHarness pool = PoolHarness.start(s, emitter)) {
                started[0] = pool.pool();
                MinerStats miner = pool.mine(address + ".rig-1", 3, Duration.ofSeconds(60));
                await().atMost(Duration.ofSeconds(10)).until(() -> count(emitted, EventType.MINER_DISCONNECTED) == 1);

                assertThat(count(emitted, EventType.SHARE_SUBMITTED)).isEqualTo(miner.sharesSubmitted());
                long acceptedEvents = emitted.stream()
                        .filter(e -> e.type() == EventType.SHARE_SUBMITTED && e.flag("accepted")).count();
                assertThat(acceptedEvents).isEqualTo(miner.sharesAccepted());
                assertThat(count(emitted, EventType.MINER_CONNECTED)).isEqualTo(1);
                assertThat(count(emitted, EventType.BLOCK_FOUND)).isEqualTo(pool.pool().stats().blocksFound());
                assertThat(count(emitted, EventType.NEW_BLOCK_NETWORK)).isGreaterThanOrEqualTo(3);

                HashrateReporter reporter = HashrateReporter.start(pool.pool().hashrates(), emitter, Duration.ofHours(1));
                try (reporter) {
                    assertThat(reporter.report()).isEqualTo(1);
                }
            }
        }

        Map<EventType, List<Event>> byType = new java.util.EnumMap<>(EventType.class);
        long lastSeq = 0;
        for (Event e : List.copyOf(emitted)) {
            Event back = EventCodec.decode(EventCodec.encode(e)); // throws if any required field is missing or mistyped
            assertThat(back.eventId()).isEqualTo(e.eventId());
            assertThat(back.region()).isEqualTo("eu");
            byType.computeIfAbsent(e.type(), t -> new ArrayList<>()).add(back);
            lastSeq = Math.max(lastSeq, e.seq());
        }
        assertThat(lastSeq).isEqualTo(emitted.size());
        assertThat(byType.keySet()).containsAll(EnumSet.of(EventType.MINER_CONNECTED, EventType.SHARE_SUBMITTED,
                EventType.BLOCK_FOUND, EventType.NEW_BLOCK_NETWORK, EventType.MINER_DISCONNECTED,
                EventType.SHARE_BEST_DIFF, EventType.HASHRATE_UPDATE));

        Event connected = byType.get(EventType.MINER_CONNECTED).get(0);
        assertThat(connected.text("user")).isEqualTo(address);
        assertThat(connected.text("worker")).isEqualTo("rig-1");
        assertThat(connected.text("address_type")).isEqualTo("p2wpkh");
        assertThat(connected.text("ip")).isEqualTo("127.0.0.1");

        for (Event block : byType.get(EventType.BLOCK_FOUND)) {
            assertThat(block.text("coinbase_sig")).startsWith("/tbg-it/");
            assertThat(block.text("submit_result")).isEqualTo("accepted");
            assertThat(block.integer("reward_sats", 0)).isPositive();
            assertThat(block.text("hash")).hasSize(64);
        }
        Map<String, Event> tips = byType.get(EventType.NEW_BLOCK_NETWORK).stream()
                .collect(Collectors.toMap(e -> e.text("hash"), Function.identity(), (a, b) -> a));
        for (Event block : byType.get(EventType.BLOCK_FOUND)) {
            assertThat(tips).containsKey(block.text("hash")); // each of our blocks became the tip
        }
        Event gone = byType.get(EventType.MINER_DISCONNECTED).get(0);
        assertThat(gone.text("reason")).isEqualTo("clean");
        assertThat(gone.integer("shares_accepted", -1)).isEqualTo(acceptedShares(byType));
        assertThat(byType.get(EventType.SHARE_BEST_DIFF)).extracting(e -> e.text("scope"))
                .contains("session", "weekly", "alltime");
    }

    private static long acceptedShares(Map<EventType, List<Event>> byType) {
        return byType.get(EventType.SHARE_SUBMITTED).stream().filter(e -> e.flag("accepted")).count();
    }

    private static long count(List<Event> events, EventType type) {
        synchronized (events) {
            return events.stream().filter(e -> e.type() == type).count();
        }
    }
}
