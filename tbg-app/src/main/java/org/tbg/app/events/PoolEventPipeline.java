package org.tbg.app.events;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.app.config.EventsConfig;
import org.tbg.events.EventFactory;
import org.tbg.events.EventIdentity;
import org.tbg.events.EventType;
import org.tbg.events.bus.EventBus;
import org.tbg.events.bus.EventBusSettings;
import org.tbg.events.bus.EventSink;
import org.tbg.events.journal.JournalSink;
import org.tbg.events.nats.RetryingNatsSink;
import org.tbg.events.socket.DatagramSocketSink;
import org.tbg.pool.Pool;
import org.tbg.pool.event.EventEmitter;
import org.tbg.pool.event.HashrateReporter;

/**
 * The pool's side of the event pipeline, wired from config: the bus with its sinks (the journal
 * always; NATS and the Unix socket when configured), the emitter the engine reports to, and the
 * periodic {@code hashrate_update}. Closed after the pool, so the pool's last facts (disconnects with
 * {@code pool_shutdown}) are flushed to the journal before the process exits.
 */
public final class PoolEventPipeline implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PoolEventPipeline.class);
    private static final int MAX_BATCH = 1024;
    /** SIGTERM must finish within 10 s in all: the flush gets what is left after the pool closed. */
    static final Duration CLOSE_FLUSH = Duration.ofSeconds(5);

    private final EventBus bus;
    private final EventEmitter emitter;
    private final Duration hashrateInterval;
    private HashrateReporter reporter;

    private PoolEventPipeline(EventBus bus, EventEmitter emitter, Duration hashrateInterval) {
        this.bus = bus;
        this.emitter = emitter;
        this.hashrateInterval = hashrateInterval;
    }

    /**
     * Opens the sinks and registers the emitter with {@code pool} (call before {@link Pool#start()}).
     *
     * @param socketPath {@code event_socket_path}, or null
     */
    public static PoolEventPipeline open(Pool pool, EventsConfig config, Path socketPath) throws IOException {
        List<EventSink> sinks = new ArrayList<>(3);
        sinks.add(new JournalSink(config.journalDir()));
        if (config.natsUrl() != null) {
            try {
                // Miners come first: the pool starts whether or not NATS answers, and the sink keeps trying
                sinks.add(RetryingNatsSink.open(config.natsUrl(), "tbg-pool-" + pool.settings().poolInstance()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while connecting to NATS", e);
            }
        }
        if (socketPath != null) {
            sinks.add(DatagramSocketSink.open(socketPath));
        }
        EventBus bus = EventBus.start(new EventBusSettings(types(config.types()), config.queueSize(), MAX_BATCH), sinks);
        EventFactory factory = new EventFactory(EventIdentity.hosted(pool.settings().region(), pool.settings().poolInstance()));
        EventEmitter emitter = new EventEmitter(factory, bus::accepts, bus::emit, pool::hashrates);
        pool.eventListener(emitter);
        // SIGTERM: once the miners are gone (their disconnects emitted), flush before the pool reports closed
        pool.shutdownHook(timeLeft -> bus.flush(timeLeft.compareTo(CLOSE_FLUSH) < 0 ? timeLeft : CLOSE_FLUSH));
        log.info("events: sinks {} (journal in {})", bus.sinkNames(), config.journalDir());
        return new PoolEventPipeline(bus, emitter, config.hashrateInterval());
    }

    /** Starts the periodic {@code hashrate_update} (once the pool runs). */
    public void startHashrateUpdates(Pool pool) {
        reporter = HashrateReporter.start(pool.hashrates(), emitter, hashrateInterval);
    }

    public EventBus bus() {
        return bus;
    }

    @Override
    public void close() {
        if (reporter != null) {
            reporter.close();
        }
        if (!bus.flush(CLOSE_FLUSH)) {
            log.warn("events: not every sink caught up within {} s; the journal holds what was written", CLOSE_FLUSH.toSeconds());
        }
        bus.close();
    }

    private static Set<EventType> types(List<String> names) {
        if (names.contains(EventsConfig.ALL)) {
            return EnumSet.allOf(EventType.class);
        }
        Set<EventType> out = EnumSet.noneOf(EventType.class);
        for (String n : names) {
            EventType.fromWireName(n).ifPresent(out::add);
        }
        return out;
    }
}
