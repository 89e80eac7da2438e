package org.tbg.events.bus;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.tbg.events.EventType;

/**
 * How the bus filters and queues (config {@code events}).
 *
 * @param types     the event types to emit ({@code events.types}; all = {@code EnumSet.allOf(EventType.class)})
 * @param queueSize each sink's queue capacity ({@code events.queue_size}), rounded up to a power of two
 * @param maxBatch  the most events handed to a sink's {@code write} at once
 */
public record EventBusSettings(Set<EventType> types, int queueSize, int maxBatch) {
    /** 65,536 events ≈ a second of a very busy pool; a sink down for longer drops. */
    public static final int DEFAULT_QUEUE_SIZE = 65_536;
    /** Large enough to amortise a flush or a syscall, small enough to keep a sink's latency low. */
    public static final int DEFAULT_MAX_BATCH = 512;
    static final int MAX_QUEUE_SIZE = 1 << 24;

    public EventBusSettings {
        types = types.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(EventType.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(types));
        if (queueSize < 2 || queueSize > MAX_QUEUE_SIZE) {
            throw new IllegalArgumentException(
                    "events.queue_size must be between 2 and " + MAX_QUEUE_SIZE + ", got " + queueSize);
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("the event batch size must be at least 1, got " + maxBatch);
        }
    }

    /** Every type, the default queue and batch sizes. */
    public static EventBusSettings defaults() {
        return new EventBusSettings(EnumSet.allOf(EventType.class), DEFAULT_QUEUE_SIZE, DEFAULT_MAX_BATCH);
    }
}
