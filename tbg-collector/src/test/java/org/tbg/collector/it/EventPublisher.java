package org.tbg.collector.it;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.util.List;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.nats.EventStream;

/** Publishes events to JetStream as a pool's NATS sink does ({@code Nats-Msg-Id} = event_id). */
final class EventPublisher implements AutoCloseable {
    private final Connection connection;
    private final JetStream js;

    EventPublisher(String url) throws IOException, InterruptedException, JetStreamApiException {
        connection = Nats.connect(url);
        EventStream.ensure(connection);
        js = connection.jetStream();
    }

    void publish(List<Event> events) throws IOException, JetStreamApiException {
        publish(events, "");
    }

    /** With {@code idPrefix} non-empty the message ids differ from the event ids, so JetStream keeps repeats. */
    void publish(List<Event> events, String idPrefix) throws IOException, JetStreamApiException {
        for (Event e : events) {
            PublishAck ack = js.publish(EventStream.subject(e), EventCodec.encode(e),
                    PublishOptions.builder().messageId(idPrefix + e.eventId()).build());
            if (ack.hasError()) {
                throw new IOException("publish refused: " + ack.getError());
            }
        }
    }

    /** A raw message (a malformed event, say) on the subject of {@code region}/{@code event}. */
    void publishRaw(String region, String event, byte[] body, String messageId) throws IOException, JetStreamApiException {
        js.publish(EventStream.SUBJECT_PREFIX + region + "." + event, body,
                PublishOptions.builder().messageId(messageId).build());
    }

    ConsumerInfo consumer(String durable) throws IOException, JetStreamApiException {
        return connection.jetStreamManagement().getConsumerInfo(EventStream.NAME, durable);
    }

    @Override
    public void close() throws InterruptedException {
        connection.close();
    }
}
