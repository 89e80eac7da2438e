package org.tbg.events;

import com.fasterxml.jackson.databind.JsonNode;

/** The JSON type a field of an event's {@code data} must have (spec/events.md). */
public enum FieldKind {
    STRING,
    /** A string or {@code null} (e.g. {@code reject_reason} of an accepted share). */
    OPTIONAL_STRING,
    /** A whole number. */
    INTEGER,
    /** Any JSON number. */
    NUMBER,
    BOOLEAN;

    /** Whether a decoded value has this kind. */
    public boolean accepts(JsonNode value) {
        return switch (this) {
            case STRING -> value.isTextual();
            case OPTIONAL_STRING -> value.isTextual() || value.isNull();
            case INTEGER -> value.isIntegralNumber() && value.canConvertToLong();
            case NUMBER -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
        };
    }

    /** Whether a value handed to the emitter has this kind (the producer side of {@link #accepts}). */
    public boolean accepts(Object value) {
        return switch (this) {
            case STRING -> value instanceof String;
            case OPTIONAL_STRING -> value == null || value instanceof String;
            case INTEGER -> value instanceof Integer || value instanceof Long;
            case NUMBER -> value instanceof Number;
            case BOOLEAN -> value instanceof Boolean;
        };
    }
}
