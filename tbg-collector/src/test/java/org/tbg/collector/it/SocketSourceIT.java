package org.tbg.collector.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.collector.Collector;
import org.tbg.collector.CollectorMetrics;
import org.tbg.collector.CollectorSettings;
import org.tbg.collector.TestEvents;
import org.tbg.collector.source.SocketEventSource;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;

/** The seeds' Unix datagram event socket as a source: good events stored, malformed ones counted. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SocketSourceIT {

    @TempDir
    Path dir;

    @Test
    void storesDatagramEventsAndCountsEachKindOfMalformedOne() throws Exception {
        CollectorSettings settings = CollectorSettings.defaults(SharedServers.freshDatabase(), SharedServers.freshRedis())
                .withBatchSize(50)
                .withBatchWait(Duration.ofMillis(200));
        Path socket = dir.resolve("events.sock");
        List<Event> good = new ArrayList<>();
        for (int w = 0; w < 5; w++) {
            good.addAll(TestEvents.allNine(TestEvents.factory(), "bc1qsock", "rig" + w, 77 + w, "00ee" + w));
        }
        String json = EventCodec.encodeToString(TestEvents.share("bc1qsock", "rig", true));
        Map<String, String> bad = Map.of(
                "bad_json", "not json at all",
                "unknown_type", json.replace("share_submitted", "share_exploded"),
                "missing_field", json.replace("\"job_id\":\"66f1a2b300000007\",", ""),
                "wrong_type", json.replace("\"accepted\":true", "\"accepted\":\"yes\""),
                "oversized", json.replace("\"rig\"", "\"" + "x".repeat(70_000) + "\""));

        try (Collector collector = new Collector(settings, new PrometheusRegistry(), Clock.systemUTC())) {
            assertThat(collector.start()).isTrue();
            collector.collect(SocketEventSource.bind(socket, 100));
            try (DatagramSender sender = new DatagramSender(socket)) {
                int i = 0;
                for (Event e : good) {
                    sender.send(EventCodec.encode(e));
                    if (++i % 9 == 0) {
                        for (String b : bad.values()) { // malformed ones among the good ones
                            sender.send(b.getBytes(StandardCharsets.UTF_8));
                        }
                    }
                }
            }

            Db db = new Db(collector.dataSource());
            await().atMost(Duration.ofSeconds(30)).until(() -> collector.totals().stored() == good.size());
            assertThat(db.count("mining_events")).isEqualTo(good.size());
            assertThat(db.count("shares")).isEqualTo(5);
            assertThat(db.count("blocks")).isEqualTo(5);
            assertThat(db.count("workers")).isEqualTo(5);
            for (String reason : bad.keySet()) {
                assertThat(collector.metrics().count(CollectorMetrics.SINK_DECODE, reason)).as(reason).isEqualTo(5);
            }
            assertThat(collector.totals().malformed()).isEqualTo(25);
            assertThat(collector.totals().streamed()).isEqualTo(good.size());
        }
    }
}
