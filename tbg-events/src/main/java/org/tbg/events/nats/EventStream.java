package org.tbg.events.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.time.Duration;
import org.tbg.events.Event;

/**
 * The JetStream stream that carries events between pools and collectors: subjects
 * {@code tbg.events.<region>.<event>} (spec/events.md), file storage, and a duplicate window within
 * which a re-published {@code Nats-Msg-Id} (= {@code event_id}) is dropped by the server.
 * Pools and collectors both call {@link #ensure}, so whichever starts first creates it.
 */
public final class EventStream {
    public static final String NAME = "TBG_EVENTS";
    public static final String SUBJECT_PREFIX = "tbg.events.";
    public static final String ALL_SUBJECTS = SUBJECT_PREFIX + ">";
    /** How long the server remembers message ids for deduplication. */
    public static final Duration DUPLICATE_WINDOW = Duration.ofMinutes(10);
    /** Events are kept this long for collectors that were away (a collector outage longer than this needs a journal replay). */
    public static final Duration MAX_AGE = Duration.ofDays(3);

    private EventStream() {
    }

    public static String subject(Event event) {
        return SUBJECT_PREFIX + token(event.region()) + "." + event.type().wireName();
    }

    /** Creates the stream if it does not exist yet; an existing stream is left as its operator set it. */
    public static StreamInfo ensure(Connection connection) throws IOException, JetStreamApiException {
        JetStreamManagement jsm = connection.jetStreamManagement();
        try {
            return jsm.getStreamInfo(NAME);
        } catch (JetStreamApiException e) {
            if (e.getErrorCode() != 404) {
                throw e;
            }
        }
        StreamConfiguration config = StreamConfiguration.builder()
                .name(NAME)
                .subjects(ALL_SUBJECTS)
                .storageType(StorageType.File)
                .duplicateWindow(DUPLICATE_WINDOW)
                .maxAge(MAX_AGE)
                .build();
        try {
            return jsm.addStream(config);
        } catch (JetStreamApiException e) {
            // another process created it between our two calls
            return jsm.getStreamInfo(NAME);
        }
    }

    /** A region name as one subject token: NATS tokens may not contain '.', '*', '>' or whitespace. */
    static String token(String region) {
        StringBuilder out = new StringBuilder(region.length());
        for (int i = 0; i < region.length(); i++) {
            char c = region.charAt(i);
            out.append(c == '.' || c == '*' || c == '>' || Character.isWhitespace(c) ? '_' : c);
        }
        return out.isEmpty() ? "_" : out.toString();
    }
}
