package org.tbg.events.bus;

import java.util.List;
import org.tbg.events.Event;

/**
 * Where the {@link EventBus} delivers events: the journal, NATS, the Unix socket, an in-process
 * collector. The bus gives each sink a thread of its own; {@link #write} and {@link #flush} are only
 * ever called on that thread, so a sink needs no locking of its own for them.
 */
public interface EventSink {

    /** The sink's label in metrics and logs: {@code journal}, {@code nats}, {@code socket}, {@code collector}. */
    String name();

    /**
     * Delivers a batch, in emission order. The list is the sink's to keep; nobody changes it afterwards.
     * Throwing counts the whole batch as dropped, except {@link PartialWriteException}, which says how
     * many of the batch were lost.
     */
    void write(List<Event> batch) throws Exception;

    /** Pushes out what {@link #write} buffered (the bus calls it when asked to flush and before close). */
    default void flush() throws Exception {
    }

    /**
     * Events this sink took in {@link #write} but lost afterwards, e.g. NATS publishes whose ack failed
     * or timed out. Monotonic; read from any thread. The bus adds it to the sink's dropped count.
     */
    default long lostAfterWrite() {
        return 0;
    }

    /** Releases the sink's resources; the bus calls it once, after its last write. */
    void close();
}
