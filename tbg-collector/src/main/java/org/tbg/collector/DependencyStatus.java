package org.tbg.collector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a downstream (the database, Redis) takes writes, as the last attempt found it. Logs each
 * change once — one WARN when it goes away, one INFO when it is back — never every retry.
 * Thread-safe: pipelines report, the health endpoint reads.
 */
public final class DependencyStatus {
    private static final Logger log = LoggerFactory.getLogger(DependencyStatus.class);

    private final String name;
    private final Clock clock;
    /** Guarded by this. */
    private boolean up = true;
    private Instant downSince;
    private long failedAttempts;

    public DependencyStatus(String name, Clock clock) {
        this.name = name;
        this.clock = clock;
    }

    public synchronized void failed(Throwable cause) {
        failedAttempts++;
        if (up) {
            up = false;
            downSince = clock.instant();
            log.warn("{} down: {}; retrying with backoff, acking nothing meanwhile", name, Failures.oneLine(cause));
            log.debug("{} failure", name, cause);
        }
    }

    public synchronized void succeeded() {
        if (!up) {
            Duration down = Duration.between(downSince, clock.instant());
            log.info("{} up again after {} s ({} failed attempts)", name, down.toSeconds(), failedAttempts);
            up = true;
            downSince = null;
        }
        failedAttempts = 0;
    }

    public synchronized boolean isUp() {
        return up;
    }

    public String name() {
        return name;
    }
}
