package org.tbg.collector;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.tbg.collector.source.SourceBatch;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.MalformedEventException;
import org.tbg.events.MalformedEventException.Reason;

/**
 * Raw messages to events. A malformed message is counted by reason, logged (rate-limited) and
 * dropped — it is acked with its batch, never redelivered forever and never fatal. An event that
 * appears twice in one batch is kept once. Thread-safe (stateless apart from its collaborators).
 */
public final class BatchDecoder {
    private final CollectorMetrics metrics;
    private final CollectorTotals totals;
    private final MalformedEventLog malformedLog;

    public BatchDecoder(CollectorMetrics metrics, CollectorTotals totals, MalformedEventLog malformedLog) {
        this.metrics = metrics;
        this.totals = totals;
        this.malformedLog = malformedLog;
    }

    public List<CollectedEvent> decode(SourceBatch batch) {
        List<byte[]> raw = batch.messages();
        totals.messages(raw.size());
        List<CollectedEvent> out = new ArrayList<>(raw.size());
        Set<UUID> seen = new HashSet<>(raw.size() * 2);
        long repeated = 0;
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
