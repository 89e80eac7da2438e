package org.tbg.events.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.events.Event;
import org.tbg.events.EventType;

/**
 * The pool's only way out for events (spec/events.md, Transport). {@link #emit} never blocks and never
 * throws: each sink has its own bounded lock-free queue (JCTools MPSC) drained by its own thread in
 * batches, so a slow or broken sink loses its own events — counted — and holds up nothing else.
 *
 * <p>Thread rule: emit and the counters from any thread; a sink is called only on its own thread.
 */
public final class EventBus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EventBus.class);
    /** How long close waits for the sinks to write out what is queued. */
    static final Duration CLOSE_FLUSH_TIMEOUT = Duration.ofSeconds(5);
    /** How long close then waits for each sink thread to end. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);

    private final boolean[] accepted; // by EventType ordinal
    private final SinkWorker[] workers;
    private final List<String> sinkNames;
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile boolean closed;

    private EventBus(boolean[] accepted, SinkWorker[] workers, List<String> sinkNames) {
        this.accepted = accepted;
        this.workers = workers;
        this.sinkNames = sinkNames;
    }

    /** Starts one thread per sink. Sink names must be unique (they are metric labels). */
    public static EventBus start(EventBusSettings settings, List<EventSink> sinks) {
        boolean[] accepted = new boolean[EventType.values().length];
        for (EventType type : settings.types()) {
            accepted[type.ordinal()] = true;
        }
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        SinkWorker[] workers = new SinkWorker[sinks.size()];
        for (int i = 0; i < workers.length; i++) {
            EventSink sink = sinks.get(i);
            if (!seen.add(sink.name())) {
                throw new IllegalArgumentException("two event sinks named " + sink.name());
            }
            names.add(sink.name());
            workers[i] = new SinkWorker(sink, settings.queueSize(), settings.maxBatch());
        }
        EventBus bus = new EventBus(accepted, workers, List.copyOf(names));
        for (SinkWorker worker : workers) {
            worker.start();
        }
        log.info("event bus started: sinks {}, types {}, queue {} per sink", names,
                settings.types().size() == accepted.length ? "all" : settings.types(), settings.queueSize());
        return bus;
    }

    /** Whether {@code type} passes the filter: the pool skips building the data of filtered events. */
    public boolean accepts(EventType type) {
        return accepted[type.ordinal()];
    }

    /** Queues the event for every sink. Never blocks, never throws; a full queue drops it for that sink. */
    public void emit(Event event) {
        if (event == null || !accepted[event.type().ordinal()]) {
            return;
        }
        SinkWorker[] ws = workers;
        if (closed) {
            for (SinkWorker w : ws) {
                w.reject();
            }
            return;
        }
        for (SinkWorker w : ws) {
            w.offer(event);
        }
    }

    /** Events the sink took (its write returned). */
    public long emitted(String sink) {
        return worker(sink).emitted();
    }

    /** Events lost for the sink: queue full, bus closed, write failed, or lost by the sink afterwards. */
    public long dropped(String sink) {
        return worker(sink).dropped();
    }

    /** Events waiting in all queues. */
    public int queued() {
        int sum = 0;
        for (SinkWorker w : workers) {
            sum += w.queued();
        }
        return sum;
    }

    public List<String> sinkNames() {
        return sinkNames;
    }

    /**
     * Waits until every event emitted before this call has been written (or dropped) by every sink and
     * each sink's flush ran afterwards. False when {@code timeout} passed first.
     */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long[] targets = new long[workers.length];
        for (int i = 0; i < workers.length; i++) {
            targets[i] = workers[i].requestFlush();
        }
        try {
            for (int i = 0; i < workers.length; i++) {
                if (!workers[i].awaitFlushed(targets[i], deadline)) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Flushes (at most 5 s), then stops the sink threads and closes the sinks. Later emits count as dropped. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        closed = true;
        if (!flush(CLOSE_FLUSH_TIMEOUT)) {
            log.warn("event bus: sinks not flushed within {} s; closing anyway", CLOSE_FLUSH_TIMEOUT.toSeconds());
        }
        for (SinkWorker w : workers) {
            w.stop();
        }
        boolean interrupted = false;
        for (SinkWorker w : workers) {
            boolean stopped = false;
            try {
                stopped = w.awaitStopped(STOP_TIMEOUT);
            } catch (InterruptedException e) {
                interrupted = true;
            }
            w.closeSink(stopped);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        log.info("event bus closed");
    }

    private SinkWorker worker(String sink) {
        for (SinkWorker w : workers) {
            if (w.name().equals(sink)) {
                return w;
            }
        }
        throw new IllegalArgumentException("no event sink named " + sink);
    }
}
