package org.tbg.collector;

import org.tbg.events.Event;
import org.tbg.events.EventCodec;

/**
 * A decoded event ready for the writers: its text made storable and its {@code data} already as
 * JSON, which both PostgreSQL ({@code payload}) and Redis (the stream's {@code data} field) take.
 *
 * @param event    the event, text cleaned by {@link StorableText}
 * @param dataJson {@code data} as one JSON object
 */
public record CollectedEvent(Event event, String dataJson) {

    public static CollectedEvent of(Event decoded) {
        Event clean = StorableText.clean(decoded);
        return new CollectedEvent(clean, EventCodec.encodeData(clean.data()));
    }
}
