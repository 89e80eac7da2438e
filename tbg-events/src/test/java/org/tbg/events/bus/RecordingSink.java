package org.tbg.events.bus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.tbg.events.Event;

/** A sink for tests: keeps what it got; can be made to block or fail. */
class RecordingSink implements EventSink {
    private final String name;
    final List<Event> events = new CopyOnWriteArrayList<>();
    /** How many events had been written when each flush ran. */
    final List<Integer> flushedAt = new CopyOnWriteArrayList<>();
    final AtomicInteger batches = new AtomicInteger();
    final AtomicInteger largestBatch = new AtomicInteger();
    volatile boolean closed;
    volatile boolean failing;
    volatile CountDownLatch gate; // when set, write waits for it
    volatile long writeDelayMillis;

    RecordingSink(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(List<Event> batch) throws Exception {
        CountDownLatch g = gate;
        if (g != null) {
            g.await();
        }
        if (writeDelayMillis > 0) {
            Thread.sleep(writeDelayMillis);
        }
        if (failing) {
            throw new java.io.IOException("disk on fire");
        }
        batches.incrementAndGet();
        largestBatch.accumulateAndGet(batch.size(), Math::max);
        events.addAll(new ArrayList<>(batch));
    }

    @Override
    public void flush() {
        flushedAt.add(events.size());
    }

    @Override
    public void close() {
        closed = true;
    }
}
