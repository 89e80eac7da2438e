package org.tbg.collector.source;

import java.util.List;

/** Raw messages taken from a source together, acknowledged together. */
public interface SourceBatch {

    /** The raw messages (JSON events, unchecked), in the order the source gave them. */
    List<byte[]> messages();

    /** Every message is stored (or refused as malformed): the source may forget them. */
    void ack();

    /** Still working on them (a write is being retried): a source with redelivery timers restarts them. */
    default void keepAlive() {
    }

    /** Where message {@code index} came from, for logs (e.g. {@code events-20261123-16.jsonl:42}). */
    default String origin(int index) {
        return "message " + (index + 1);
    }
}
