package org.tbg.collector;

import java.util.concurrent.atomic.LongAdder;

/**
 * What this process did, for the replay summary and for tests (the Prometheus counters carry the
 * same by sink). Counts events into PostgreSQL's {@code mining_events}; Redis has its own counter.
 * Thread-safe.
 */
public final class CollectorTotals {
    private final LongAdder messages = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder stored = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder streamed = new LongAdder();

    void messages(long n) {
        messages.add(n);
    }

    void malformed(long n) {
        malformed.add(n);
    }

    void stored(long n) {
        stored.add(n);
    }

    void duplicates(long n) {
        duplicates.add(n);
    }

    void expired(long n) {
        expired.add(n);
    }

    void streamed(long n) {
        streamed.add(n);
    }

    /** Raw messages (lines, datagrams, NATS messages) taken from the sources. */
    public long messages() {
        return messages.sum();
    }

    public long malformed() {
        return malformed.sum();
    }

    /** Events newly inserted into {@code mining_events}. */
    public long stored() {
        return stored.sum();
    }

    /** Events already stored before (redelivered, replayed, or repeated within a batch). */
    public long duplicates() {
        return duplicates.sum();
    }

    /** Events older than the {@code mining_events} retention, not inserted there. */
    public long expired() {
        return expired.sum();
    }

    /** Events newly added to a Redis stream. */
    public long streamed() {
        return streamed.sum();
    }

    /** One line: {@code lines 10, stored 7, duplicates 2, expired 0, malformed 1, streamed 7}. */
    public String summary(String messagesLabel) {
        return messagesLabel + " " + messages() + ", stored " + stored() + ", duplicates " + duplicates()
                + ", expired " + expired() + ", malformed " + malformed() + ", streamed " + streamed();
    }
}
