package org.tbg.events.nats;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.bus.EventSink;
import org.tbg.events.bus.LogThrottle;
import org.tbg.events.bus.PartialWriteException;

/**
 * Publishes each event to JetStream on {@code tbg.events.<region>.<event>} with {@code Nats-Msg-Id} =
 * {@code event_id}, so a re-publish within the stream's duplicate window is dropped by the server.
 * Publishes are asynchronous with at most {@link #MAX_PENDING_ACKS} acks outstanding; an ack that
 * fails or does not come within the ack timeout counts the event as lost ({@link #lostAfterWrite()}):
 * the journal is the replay source for those.
 *
 * <p>Connection: reconnects forever, {@link #RECONNECT_WAIT} apart; while disconnected jnats buffers
 * publishes (its reconnect buffer) and they go out on reconnect, or time out and are counted. The
 * first connection must succeed ({@link #connect} throws otherwise; the caller decides whether the
 * pool starts without NATS). Thread rule: write and flush on the bus's thread for this sink.
 */
public final class NatsSink implements EventSink {
    public static final String NAME = "nats";
    /** Enough in flight to keep a loopback or LAN server busy; a server that stops acking stops us here. */
    public static final int MAX_PENDING_ACKS = 10_000;
    /** An ack later than this counts the event as lost. */
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(NatsSink.class);

    private final Connection connection;
    private final JetStream jetStream;
    private final Duration ackTimeout;
    private final AtomicBoolean streamReady;
    private final Semaphore pendingAcks = new Semaphore(MAX_PENDING_ACKS);
    private final LongAdder lost = new LongAdder();
    private final LogThrottle lostLog = new LogThrottle(Duration.ofSeconds(10));
    private final BiConsumer<PublishAck, Throwable> onAck = this::acked;

    private NatsSink(Connection connection, Duration ackTimeout, AtomicBoolean streamReady) throws IOException {
        this.connection = connection;
        this.jetStream = connection.jetStream();
        this.ackTimeout = ackTimeout;
        this.streamReady = streamReady;
    }

    /**
     * Connects to {@code urls} (comma-separated, e.g. {@code nats://user:pass@host:4222}) and makes sure
     * the stream exists. {@code connectionName} shows in the server's monitoring: {@code tbg-pool-<instance>}.
     */
    public static NatsSink connect(String urls, String connectionName) throws IOException, InterruptedException {
        return connect(urls, connectionName, ACK_TIMEOUT);
    }

    static NatsSink connect(String urls, String connectionName, Duration ackTimeout)
            throws IOException, InterruptedException {
        AtomicBoolean streamReady = new AtomicBoolean();
        NatsConnectionLog events = new NatsConnectionLog(connectionName, () -> streamReady.set(false));
        String[] servers = Arrays.stream(urls.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
        Options options = Options.builder()
                .servers(servers)
                .connectionName(connectionName)
                .maxReconnects(-1)
                .reconnectWait(RECONNECT_WAIT)
                // jnats fails an unanswered request (here: a publish ack) after this interval
                .requestCleanupInterval(ackTimeout)
                .connectionListener(events)
                .errorListener(events)
                .build();
        Connection connection;
        try {
            connection = Nats.connect(options);
        } catch (IOException e) {
            // jnats' message lists the servers with their credentials
            throw new IOException("nats: cannot connect to " + LoggableUrls.redact(String.join(",", servers))
                    + ": " + LoggableUrls.redact(e.getMessage()));
        }
        NatsSink sink = new NatsSink(connection, ackTimeout, streamReady);
        try {
            sink.ensureStream();
        } catch (IOException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return sink;
    }

    @Override
    public String name() {
        return NAME;
    }

    public Connection connection() {
        return connection;
    }

    /** Acks not yet received. */
    public int pendingAcks() {
        return MAX_PENDING_ACKS - pendingAcks.availablePermits();
    }

    @Override
    public long lostAfterWrite() {
        return lost.sum();
    }

    @Override
    public void write(List<Event> batch) throws Exception {
        if (!streamReady.get()) {
            ensureStream();
        }
        int published = 0;
        try {
            for (Event event : batch) {
                if (!pendingAcks.tryAcquire(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new TimeoutException(MAX_PENDING_ACKS + " publishes without an ack for " + ackTimeout.toMillis() + " ms");
                }
                try {
                    PublishOptions options = PublishOptions.builder()
                            .messageId(event.eventId().toString())
                            .expectedStream(EventStream.NAME)
                            .build();
                    jetStream.publishAsync(EventStream.subject(event), null, EventCodec.encode(event), options)
                            .whenComplete(onAck);
                } catch (RuntimeException e) {
                    pendingAcks.release();
                    throw e;
                }
                published++;
            }
        } catch (Exception e) {
            throw new PartialWriteException(batch.size() - published,
                    (batch.size() - published) + " of " + batch.size() + " events not published", e);
        }
    }

    /** Waits (at most twice the ack timeout) until every publish has been acked or counted as lost. */
    @Override
    public void flush() throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + 2 * ackTimeout.toNanos();
        while (pendingAcks.availablePermits() < MAX_PENDING_ACKS) {
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException(pendingAcks() + " acks still pending");
            }
            Thread.sleep(1);
        }
    }

    @Override
    public void close() {
        try {
            flush();
        } catch (TimeoutException e) {
            log.warn("nats: closing with {} acks pending (counted as lost)", pendingAcks());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureStream() throws IOException {
        try {
            EventStream.ensure(connection);
            streamReady.set(true);
        } catch (JetStreamApiException e) {
            throw new IOException("nats: cannot create stream " + EventStream.NAME + ": " + e.getMessage(), e);
        }
    }

    private void acked(PublishAck ack, Throwable failure) {
        pendingAcks.release();
        if (failure != null) {
            lost.increment();
            if (lostLog.tryAcquire()) {
                log.warn("nats: events not acknowledged ({} so far; the journal keeps them): {}", lost.sum(),
                        LoggableUrls.redact(String.valueOf(failure)));
            }
        }
    }
}
