package org.tbg.collector.source;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.DeliverPolicy;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.collector.DependencyStatus;
import org.tbg.events.nats.EventStream;

/**
 * Events from NATS JetStream through a durable pull consumer on {@link EventStream}: explicit acks,
 * sent only once a batch is stored ({@link SourceBatch#ack}); while a batch is retried its messages
 * are kept alive with {@code inProgress}, and after a crash the server redelivers what was not
 * acked once the ack wait ({@link #DEFAULT_ACK_WAIT}) has passed. Several collectors may share the durable: the server
 * hands each message to one of them.
 *
 * <p>Connects on the first fetch and again whenever it has no subscription (NATS down at start):
 * a fetch that cannot connect waits the batch interval and returns an empty batch, so the pipeline
 * keeps its rhythm and stops promptly. jnats reconnects an established connection by itself.
 * Single-threaded (the pipeline's thread), except the connection listener, which only logs.
 */
public final class NatsEventSource implements EventSource {
    private static final Logger log = LoggerFactory.getLogger(NatsEventSource.class);

    public static final String DEFAULT_DURABLE = "tbg-collector";
    /** A message not acked this long is redelivered (to this or another collector). */
    public static final Duration DEFAULT_ACK_WAIT = Duration.ofSeconds(60);
    /** Above the longest backoff pause (10 s), at which a batch in retry is kept alive. */
    public static final Duration MIN_ACK_WAIT = Duration.ofSeconds(15);
    private static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);

    private final String url;
    private final String durable;
    private final String subject;
    private final int maxAckPending;
    private final Duration ackWait;
    private final DependencyStatus status;
    private Connection connection;
    private JetStreamSubscription subscription;

    /**
     * @param url           {@code nats://host:port}, several separated by commas
     * @param durable       the durable consumer's name
     * @param subject       filter, e.g. {@code tbg.events.>} or {@code tbg.events.eu.>}
     * @param maxAckPending messages delivered but not acked at most (at least a batch)
     * @param ackWait       how long the server waits for an ack before redelivering (at least {@link #MIN_ACK_WAIT})
     */
    public NatsEventSource(String url, String durable, String subject, int maxAckPending, Duration ackWait, Clock clock) {
        if (ackWait.compareTo(MIN_ACK_WAIT) < 0) {
            throw new IllegalArgumentException("ack wait must be at least " + MIN_ACK_WAIT.toSeconds() + " s, got " + ackWait);
        }
        this.url = url;
        this.durable = durable;
        this.subject = subject;
        this.maxAckPending = maxAckPending;
        this.ackWait = ackWait;
        this.status = new DependencyStatus("nats (" + withoutCredentials(url) + ")", clock);
    }

    /** The subject filter for one region ({@code tbg.events.<region>.>}), or all of them when null. */
    public static String subjectFor(String region) {
        return region == null ? EventStream.ALL_SUBJECTS : EventStream.SUBJECT_PREFIX + region + ".>";
    }

    @Override
    public SourceBatch fetch(int max, Duration maxWait) throws InterruptedException {
        if (subscription == null) {
            try {
                subscribe();
                status.succeeded();
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                status.failed(e);
                closeConnection();
                Thread.sleep(maxWait.toMillis());
                return NatsBatch.EMPTY;
            }
        }
        List<Message> messages;
        try {
            messages = subscription.fetch(max, maxWait);
        } catch (RuntimeException e) { // connection closed under us, consumer gone: start over
            status.failed(e);
            closeConnection();
            Thread.sleep(maxWait.toMillis());
            return NatsBatch.EMPTY;
        }
        return messages.isEmpty() ? NatsBatch.EMPTY : new NatsBatch(messages);
    }

    private void subscribe() throws IOException, InterruptedException, JetStreamApiException {
        if (connection == null) {
            Options options = Options.builder()
                    .server(url)
                    .connectionName("tbg-collector")
                    .maxReconnects(-1)
                    .reconnectWait(RECONNECT_WAIT)
                    .connectionTimeout(Duration.ofSeconds(5))
                    .connectionListener(this::connectionEvent)
                    .errorListener(new ErrorListener() { }) // state changes are logged by the listener above
                    .build();
            connection = Nats.connect(options);
        }
        EventStream.ensure(connection);
        ConsumerConfiguration consumer = ConsumerConfiguration.builder()
                .durable(durable)
                .filterSubject(subject)
                .ackPolicy(AckPolicy.Explicit)
                .ackWait(ackWait)
                .maxAckPending(maxAckPending)
                .deliverPolicy(DeliverPolicy.All)
                .build();
        connection.jetStreamManagement().addOrUpdateConsumer(EventStream.NAME, consumer);
        subscription = connection.jetStream().subscribe(subject, PullSubscribeOptions.bind(EventStream.NAME, durable));
        log.info("consuming {} from stream {} as durable {}", subject, EventStream.NAME, durable);
    }

    private void connectionEvent(Connection c, ConnectionListener.Events event) {
        switch (event) {
            case CONNECTED -> log.info("nats connected to {}", withoutCredentials(c.getConnectedUrl()));
            case DISCONNECTED -> log.warn("nats disconnected; reconnecting (unacked events are redelivered)");
            case RECONNECTED -> log.info("nats reconnected to {}", withoutCredentials(c.getConnectedUrl()));
            default -> log.debug("nats {}", event);
        }
    }

    @Override
    public String describe() {
        return "nats " + withoutCredentials(url) + " " + subject + " (durable " + durable + ")";
    }

    @Override
    public void close() {
        closeConnection();
    }

    private void closeConnection() {
        subscription = null;
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String withoutCredentials(String url) {
        return url == null ? "" : url.replaceAll("//[^@/,]*@", "//");
    }

    /** Messages of one fetch, acked one by one (explicit acks: another collector may hold others). */
    private static final class NatsBatch implements SourceBatch {
        static final NatsBatch EMPTY = new NatsBatch(List.of());

        private final List<Message> messages;
        private final List<byte[]> data;

        NatsBatch(List<Message> messages) {
            this.messages = messages;
            List<byte[]> d = new ArrayList<>(messages.size());
            for (Message m : messages) {
                d.add(m.getData() == null ? new byte[0] : m.getData());
            }
            this.data = d;
        }

        @Override
        public List<byte[]> messages() {
            return data;
        }

        @Override
        public void ack() {
            for (Message m : messages) {
                m.ack();
            }
        }

        @Override
        public void keepAlive() {
            for (Message m : messages) {
                m.inProgress();
            }
        }

        @Override
        public String origin(int index) {
            return "nats " + messages.get(index).getSubject();
        }
    }
}
