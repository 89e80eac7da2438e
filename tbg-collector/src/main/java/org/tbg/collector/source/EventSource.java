package org.tbg.collector.source;

import java.time.Duration;

/**
 * Where raw events come from: NATS JetStream, the Unix datagram socket, or journal files. A
 * pipeline takes one batch at a time and asks for the next only after the previous one was stored
 * and acked, so at most one batch per source is held in memory.
 */
public interface EventSource extends AutoCloseable {

    /**
     * Up to {@code max} messages, waiting at most about {@code maxWait} for them to gather.
     *
     * @return a batch, possibly empty when nothing came; null once the source has ended (a replay
     *         read its last line)
     */
    SourceBatch fetch(int max, Duration maxWait) throws InterruptedException;

    /** For logs: what this source reads, without credentials. */
    String describe();

    @Override
    void close();
}
