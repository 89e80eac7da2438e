package org.tbg.events.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.events.bus.LogThrottle;

/**
 * The NATS connection's state changes and errors as operator log lines, without credentials; errors
 * repeat every reconnect attempt during an outage, so they are rate-limited. A reconnect also runs
 * {@code onReconnect} (the sink checks the stream again: the server may have lost it).
 */
final class NatsConnectionLog implements ConnectionListener, ErrorListener {
    private static final Logger log = LoggerFactory.getLogger(NatsConnectionLog.class);

    private final String connectionName;
    private final Runnable onReconnect;
    private final LogThrottle errorLog = new LogThrottle(Duration.ofSeconds(10));
    /** Each failed reconnect attempt reports DISCONNECTED again: log only the first. */
    private volatile boolean up;

    NatsConnectionLog(String connectionName, Runnable onReconnect) {
        this.connectionName = connectionName;
        this.onReconnect = onReconnect;
    }

    @Override
    public void connectionEvent(Connection conn, Events type) {
        String server = LoggableUrls.redact(conn == null ? null : conn.getConnectedUrl());
        switch (type) {
            case CONNECTED -> {
                up = true;
                log.info("nats {}: connected to {}", connectionName, server);
            }
            case RECONNECTED -> {
                up = true;
                log.info("nats {}: reconnected to {}", connectionName, server);
                onReconnect.run();
            }
            case DISCONNECTED -> {
                if (up) {
                    up = false;
                    log.warn("nats {}: disconnected; reconnecting every {} ms (unacknowledged events are "
                            + "counted as dropped, the journal keeps them)", connectionName, NatsSink.RECONNECT_WAIT.toMillis());
                }
            }
            case CLOSED -> {
                up = false;
                log.info("nats {}: connection closed", connectionName);
            }
            case LAME_DUCK -> log.warn("nats {}: server {} is shutting down (lame duck)", connectionName, server);
            default -> log.debug("nats {}: {}", connectionName, type);
        }
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        if (errorLog.tryAcquire()) {
            log.warn("nats {}: server error: {}", connectionName, LoggableUrls.redact(error));
        }
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        if (errorLog.tryAcquire()) {
            log.warn("nats {}: {}", connectionName, LoggableUrls.redact(String.valueOf(exp)));
        }
    }
}
