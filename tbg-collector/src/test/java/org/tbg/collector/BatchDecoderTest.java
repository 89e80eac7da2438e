package org.tbg.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tbg.collector.source.SourceBatch;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;

class BatchDecoderTest {
    private final CollectorMetrics metrics = new CollectorMetrics(new PrometheusRegistry(), Clock.systemUTC());
    private final CollectorTotals totals = new CollectorTotals();
    private final BatchDecoder decoder =
            new BatchDecoder(metrics, totals, new MalformedEventLog(Clock.systemUTC()), () -> LocalDate.of(9999, 12, 31));

    private static SourceBatch batch(List<byte[]> messages) {
        return new SourceBatch() {
            @Override
            public List<byte[]> messages() {
                return messages;
            }

            @Override
            public void ack() {
            }
        };
    }

    @Test
    void keepsGoodEventsInOrderCountsMalformedOnesByReasonAndDropsRepeats() {
        Event a = TestEvents.share("bc1qa", "w", true);
        Event b = TestEvents.share("bc1qb", "w", false);
        String json = EventCodec.encodeToString(a);
        List<byte[]> raw = new ArrayList<>();
        raw.add(EventCodec.encode(a));
        raw.add("{\"event\":".getBytes(StandardCharsets.UTF_8));
        raw.add(json.replace("share_submitted", "share_exploded").getBytes(StandardCharsets.UTF_8));
        raw.add(EventCodec.encode(b));
        raw.add(EventCodec.encode(a)); // the same event again
        raw.add(json.replace("\"is_block\":false", "\"is_block\":0").getBytes(StandardCharsets.UTF_8));
        raw.add(new byte[0]);

        List<CollectedEvent> events = decoder.decode(batch(raw));

        assertThat(events).extracting(c -> c.event().eventId()).containsExactly(a.eventId(), b.eventId());
        assertThat(events.get(0).dataJson()).isEqualTo(EventCodec.encodeData(a.data()));
        assertThat(metrics.count(CollectorMetrics.SINK_DECODE, "bad_json")).isEqualTo(2);
        assertThat(metrics.count(CollectorMetrics.SINK_DECODE, "unknown_type")).isEqualTo(1);
        assertThat(metrics.count(CollectorMetrics.SINK_DECODE, "wrong_type")).isEqualTo(1);
        assertThat(metrics.count(CollectorMetrics.SINK_POSTGRES, CollectorMetrics.DUPLICATE)).isEqualTo(1);
        assertThat(metrics.count(CollectorMetrics.SINK_REDIS, CollectorMetrics.DUPLICATE)).isEqualTo(1);
        assertThat(totals.messages()).isEqualTo(7);
        assertThat(totals.malformed()).isEqualTo(4);
        assertThat(totals.duplicates()).isEqualTo(1);
    }

    @Test
    void refusesEventsStampedAfterTheLastDayWithAPartitionReady() {
        Clock noon = Clock.fixed(Instant.parse("2026-12-06T12:00:00Z"), ZoneOffset.UTC);
        BatchDecoder threeDaysAhead = new BatchDecoder(metrics, totals, new MalformedEventLog(noon),
                () -> LocalDate.of(2026, 12, 9));
        Event lastMoment = TestEvents.share(TestEvents.at(Instant.parse("2026-12-09T23:59:59.999999Z")),
                "bc1qa", "w", true, 2, 1, "203.0.113.7");
        Event nextDay = TestEvents.share(TestEvents.at(Instant.parse("2026-12-10T00:00:00Z")),
                "bc1qa", "w", true, 2, 1, "203.0.113.7");
        Event farFuture = TestEvents.share(TestEvents.at(Instant.parse("4000-01-01T00:00:00Z")),
                "bc1qa", "w", true, 2, 1, "203.0.113.7");
        Event yearAgo = TestEvents.share(TestEvents.at(Instant.parse("2025-12-06T12:00:00Z")),
                "bc1qa", "w", true, 2, 1, "203.0.113.7");

        List<CollectedEvent> events = threeDaysAhead.decode(batch(List.of(EventCodec.encode(lastMoment),
                EventCodec.encode(nextDay), EventCodec.encode(farFuture), EventCodec.encode(yearAgo))));

        // the past is the writer's business (expired or a replay), not the decoder's
        assertThat(events).extracting(c -> c.event().eventId())
                .containsExactly(lastMoment.eventId(), yearAgo.eventId());
        assertThat(metrics.count(CollectorMetrics.SINK_DECODE, "future_ts")).isEqualTo(2);
        assertThat(totals.malformed()).isEqualTo(2);
    }
}
