package org.tbg.events;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stamps facts with an id, a time, the instance's next sequence number and its identity. Thread-safe:
 * connections on every event loop create events at once.
 */
public final class EventFactory {
    private final EventIdentity identity;
    private final Clock clock;
    private final AtomicLong seq = new AtomicLong();

    public EventFactory(EventIdentity identity) {
        this(identity, Clock.systemUTC());
    }

    public EventFactory(EventIdentity identity, Clock clock) {
        this.identity = identity;
        this.clock = clock;
    }

    /**
     * A new event; {@code data} is taken as is (not copied), so the caller hands over a map it no longer
     * touches.
     */
    public Event create(EventType type, Map<String, Object> data) {
        Instant now = clock.instant();
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1_000);
        return new Event(UuidV7.at(micros / 1_000), type, micros, seq.incrementAndGet(), identity.source(),
                identity.region(), identity.poolInstance(), data);
    }

    public EventIdentity identity() {
        return identity;
    }

    /** The last sequence number handed out (0 before the first event). */
    public long lastSeq() {
        return seq.get();
    }
}
