package org.tbg.collector;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.tbg.collector.source.SourceBatch;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.MalformedEventException;
import org.tbg.events.MalformedEventException.Reason;

/**
 * Raw messages to events. A malformed message is counted by reason, logged (rate-limited) and
 * dropped — it is acked with its batch, never redelivered forever and never fatal. An event that
 * appears twice in one batch is kept once. Thread-safe (stateless apart from its collaborators).
 *
 * <p>An event stamped later than the last day the collector keeps a partition ready for is refused
 * too ({@code future_ts}): each distinct day would otherwise create a partition that retention never
 * drops, so a broken clock or a hostile socket writer could fill the catalogue.
 */
public final class BatchDecoder {
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private final CollectorMetrics metrics;
    private final CollectorTotals totals;
    private final MalformedEventLog malformedLog;
    private final Supplier<LocalDate> lastDayReady;

    /**
     * @param lastDayReady the last day (UTC) with partitions ready, {@link
     *                     org.tbg.collector.postgres.PartitionManager#lastDayAhead}: later events are refused
     */
    public BatchDecoder(CollectorMetrics metrics, CollectorTotals totals, MalformedEventLog malformedLog,
            Supplier<LocalDate> lastDayReady) {
        this.metrics = metrics;
        this.totals = totals;
        this.malformedLog = malformedLog;
        this.lastDayReady = lastDayReady;
    }

    public List<CollectedEvent> decode(SourceBatch batch) {
        List<byte[]> raw = batch.messages();
        totals.messages(raw.size());
        List<CollectedEvent> out = new ArrayList<>(raw.size());
        Set<UUID> seen = new HashSet<>(raw.size() * 2);
        long repeated = 0;
        LocalDate lastDay = lastDayReady.get();
        long endMicros = lastDay.plusDays(1).toEpochSecond(LocalTime.MIDNIGHT, ZoneOffset.UTC) * MICROS_PER_SECOND;
        for (int i = 0; i < raw.size(); i++) {
            byte[] message = raw.get(i);
            Event event;
            try {
                event = EventCodec.decode(message);
            } catch (MalformedEventException e) {
                refused(batch, i, e, message);
                continue;
            } catch (RuntimeException e) { // a decoder bug must not stop the collector: refuse the input
                refused(batch, i, new MalformedEventException(Reason.BAD_JSON, "undecodable: " + e), message);
                continue;
            }
            if (event.tsMicros() >= endMicros) {
                Instant ts = Instant.EPOCH.plus(event.tsMicros(), ChronoUnit.MICROS);
                refused(batch, i, new MalformedEventException(Reason.FUTURE_TS,
                        "ts " + ts + " is after " + lastDay + " (UTC), the last day with partitions ready"), message);
                continue;
            }
            if (!seen.add(event.eventId())) {
                repeated++;
                continue;
            }
            out.add(CollectedEvent.of(event));
        }
        if (repeated > 0) { // a repeat is a duplicate for every sink
            metrics.count(CollectorMetrics.SINK_POSTGRES, CollectorMetrics.DUPLICATE, repeated);
            metrics.count(CollectorMetrics.SINK_REDIS, CollectorMetrics.DUPLICATE, repeated);
            totals.duplicates(repeated);
        }
        return out;
    }

    private void refused(SourceBatch batch, int index, MalformedEventException e, byte[] message) {
        metrics.count(CollectorMetrics.SINK_DECODE, e.reason().label(), 1);
        totals.malformed(1);
        malformedLog.refused(batch.origin(index), e, message);
    }
}
