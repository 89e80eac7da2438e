package org.tbg.events.bus;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.tbg.events.Event;

/**
 * Hands batches to a consumer in the same JVM (the collector when it runs inside the pool process).
 * The consumer runs on the sink's thread: a slow one only fills this sink's queue, and what it throws
 * counts the batch as dropped.
 */
public final class InProcessSink implements EventSink {
    public static final String NAME = "collector";

    private final String name;
    private final Consumer<List<Event>> consumer;

    public InProcessSink(Consumer<List<Event>> consumer) {
        this(NAME, consumer);
    }

    public InProcessSink(String name, Consumer<List<Event>> consumer) {
        this.name = Objects.requireNonNull(name, "name");
        this.consumer = Objects.requireNonNull(consumer, "consumer");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void write(List<Event> batch) {
        consumer.accept(batch);
    }

    @Override
    public void close() {
        // the consumer belongs to the caller
    }
}
