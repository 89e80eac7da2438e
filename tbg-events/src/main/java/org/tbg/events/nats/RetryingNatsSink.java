package org.tbg.events.nats;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.events.Event;
import org.tbg.events.bus.EventSink;

/**
 * The NATS sink of a process that must not wait for NATS: the pool mines whether or not NATS is up
 * when it starts. jnats reconnects only a connection that once succeeded, so until the first
 * connection does, this sink counts every batch as dropped (the journal keeps them for a replay) and
 * tries again on its next write, at most once per {@link #RETRY_WAIT}. From then on it is the
 * {@link NatsSink}, with jnats' own reconnects. Attempts run on the bus's thread for this sink, so
 * they hold up no other sink and never the emitter.
 */
public final class RetryingNatsSink implements EventSink {
    public static final Duration RETRY_WAIT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(RetryingNatsSink.class);

    /** Makes the first connection; throws when NATS cannot be reached. */
    @FunctionalInterface
    interface Connector {
        NatsSink connect() throws IOException, InterruptedException;
    }

    private final Connector connector;
    private final Duration retryWait;
    private volatile NatsSink connected; // read by lostAfterWrite() from any thread
    private long nextAttemptNanos;
    private int failedAttempts;

    RetryingNatsSink(Connector connector, Duration retryWait) {
        this.connector = connector;
        this.retryWait = retryWait;
    }

    /**
     * Tries to connect to {@code urls} at once (see {@link NatsSink#connect}); if that fails, logs why
     * and returns a sink that keeps trying.
     */
    public static RetryingNatsSink open(String urls, String connectionName) throws InterruptedException {
        return open(() -> NatsSink.connect(urls, connectionName), RETRY_WAIT);
    }

    static RetryingNatsSink open(Connector connector, Duration retryWait) throws InterruptedException {
        RetryingNatsSink sink = new RetryingNatsSink(connector, retryWait);
        sink.attempt();
        return sink;
    }

    /** True once the first connection has succeeded. */
    public boolean connected() {
        return connected != null;
    }

    @Override
    public String name() {
        return NatsSink.NAME;
    }

    @Override
    public void write(List<Event> batch) throws Exception {
        NatsSink sink = connected;
        if (sink == null && System.nanoTime() - nextAttemptNanos >= 0) {
            sink = attempt();
        }
        if (sink == null) {
            throw new IOException("nats: not connected yet (" + failedAttempts + " attempts)");
        }
        sink.write(batch);
    }

    @Override
    public void flush() throws Exception {
        NatsSink sink = connected;
        if (sink != null) {
            sink.flush();
        }
    }

    @Override
    public long lostAfterWrite() {
        NatsSink sink = connected;
        return sink == null ? 0 : sink.lostAfterWrite();
    }

    @Override
    public void close() {
        NatsSink sink = connected;
        if (sink != null) {
            sink.close();
        }
    }

    private NatsSink attempt() throws InterruptedException {
        try {
            NatsSink sink = connector.connect();
            if (failedAttempts > 0) {
                log.info("nats: connected after {} failed attempts; events before now are in the journal only",
                        failedAttempts);
            }
            connected = sink;
            return sink;
        } catch (IOException e) {
            if (failedAttempts++ == 0) {
                // NatsSink's message names the servers without their credentials
                log.error("{}; events go to the journal, NATS is tried again every {} ms", e.getMessage(),
                        retryWait.toMillis());
            }
            nextAttemptNanos = System.nanoTime() + retryWait.toNanos();
            return null;
        }
    }
}
