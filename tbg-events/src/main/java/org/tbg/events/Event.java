package org.tbg.events;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One mining fact in the envelope of spec/events.md. Immutable once built; {@code data} keeps the
 * order the producer gave (the JSON is written in that order).
 *
 * @param eventId      UUIDv7, unique across instances: the key every consumer deduplicates on
 * @param type         which of the nine events
 * @param tsMicros     when it happened, microseconds since the epoch ({@code ts} on the wire is seconds)
 * @param seq          per-instance monotonic sequence number
 * @param source       {@code hosted} for our own pools
 * @param region       {@code tbg_region} of the emitting pool
 * @param poolInstance {@code pool_instance} of the emitting pool
 * @param data         the type's fields (values: String, Boolean, Integer, Long, Double, or null)
 */
public record Event(
        UUID eventId,
        EventType type,
        long tsMicros,
        long seq,
        String source,
        String region,
        String poolInstance,
        Map<String, Object> data) {

    public Event {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(poolInstance, "poolInstance");
        Objects.requireNonNull(data, "data");
    }

    /** A string field of {@code data}, or null. */
    public String text(String field) {
        Object v = data.get(field);
        return v == null ? null : v.toString();
    }

    /** A numeric field of {@code data} as a double, or {@code NaN} when absent. */
    public double number(String field) {
        Object v = data.get(field);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** A whole-number field of {@code data}, or {@code fallback} when absent. */
    public long integer(String field, long fallback) {
        Object v = data.get(field);
        return v instanceof Number n ? n.longValue() : fallback;
    }

    /** A boolean field of {@code data}, false when absent. */
    public boolean flag(String field) {
        return Boolean.TRUE.equals(data.get(field));
    }
}
