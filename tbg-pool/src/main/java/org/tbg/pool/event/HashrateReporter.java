package org.tbg.pool.event;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.pool.stats.MinerHashrates;

/**
 * Emits {@code hashrate_update} for every active worker each {@code hashrate_interval}. A worker is
 * active while it has had a share within the last interval or the last ten minutes, whichever is
 * longer: a slow miner on a high difficulty still reports, a gone one stops.
 */
public final class HashrateReporter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HashrateReporter.class);
    private static final long MIN_ACTIVE_MILLIS = Duration.ofMinutes(10).toMillis();

    private final MinerHashrates hashrates;
    private final EventEmitter emitter;
    private final long activeMillis;
    private final ScheduledExecutorService timer;

    private HashrateReporter(MinerHashrates hashrates, EventEmitter emitter, Duration interval) {
        this.hashrates = hashrates;
        this.emitter = emitter;
        this.activeMillis = Math.max(interval.toMillis(), MIN_ACTIVE_MILLIS);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tbg-hashrate-events");
            t.setDaemon(true);
            return t;
        });
    }

    public static HashrateReporter start(MinerHashrates hashrates, EventEmitter emitter, Duration interval) {
        HashrateReporter r = new HashrateReporter(hashrates, emitter, interval);
        long ms = interval.toMillis();
        r.timer.scheduleAtFixedRate(r::report, ms, ms, TimeUnit.MILLISECONDS);
        return r;
    }

    /** One round of updates (also called directly by tests). */
    public int report() {
        long now = System.currentTimeMillis();
        int[] sent = {0};
        try {
            hashrates.forEachWorker((name, meter) -> {
                if (now - meter.lastShareMillis() <= activeMillis) {
                    emitter.hashrateUpdate(name, meter.read(now));
                    sent[0]++;
                }
            });
        } catch (RuntimeException e) {
            log.warn("hashrate_update round failed: {}", e.toString());
        }
        return sent[0];
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
