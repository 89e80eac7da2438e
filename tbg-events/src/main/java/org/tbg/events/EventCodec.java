package org.tbg.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.tbg.events.MalformedEventException.Reason;

/**
 * Events to and from their JSON form (spec/events.md). Encoding streams with Jackson's generator (no
 * tree); decoding checks the envelope and every required {@code data} field, so a consumer either
 * gets a well-formed {@link Event} or a {@link MalformedEventException} saying what is wrong.
 * Thread-safe.
 */
public final class EventCodec {
    /** Larger inputs are refused before parsing: a real event is a few hundred bytes. */
    public static final int MAX_EVENT_BYTES = 64 * 1024;
    private static final int MAX_NESTING = 16;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(MAX_EVENT_BYTES)
                    .maxNumberLength(64)
                    .build())
            .build();
    // BigDecimal for floats: ts has 16 significant digits, one more than a double keeps exactly
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private EventCodec() {
    }

    /** The event as one line of JSON (no trailing newline). */
    public static byte[] encode(Event event) {
        ByteArrayBuilder out = new ByteArrayBuilder(384);
        write(event, out);
        return out.toByteArray();
    }

    public static String encodeToString(Event event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    /** Writes the event's JSON to {@code out} (no newline); the stream is not closed. */
    public static void write(Event event, OutputStream out) {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeStringField("event_id", event.eventId().toString());
            g.writeStringField("event", event.type().wireName());
            g.writeFieldName("ts");
            g.writeNumber(seconds(event.tsMicros()));
            g.writeNumberField("seq", event.seq());
            g.writeStringField("source", event.source());
            g.writeStringField("region", event.region());
            g.writeStringField("pool_instance", event.poolInstance());
            g.writeFieldName("data");
            writeData(g, event.data());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code data} object alone, as JSON (the Redis stream's {@code data} field, the database payload). */
    public static String encodeData(Map<String, Object> data) {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writeData(g, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /** {@code ts} on the wire: epoch seconds with exactly six decimals. */
    public static String seconds(long micros) {
        long secs = Math.floorDiv(micros, 1_000_000L);
        long frac = Math.floorMod(micros, 1_000_000L);
        String f = Long.toString(frac);
        return secs + "." + "000000".substring(f.length()) + f;
    }

    public static Event decode(String json) throws MalformedEventException {
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    public static Event decode(byte[] json) throws MalformedEventException {
        return decode(json, 0, json.length);
    }

    public static Event decode(byte[] buf, int offset, int length) throws MalformedEventException {
        if (length > MAX_EVENT_BYTES) {
            throw new MalformedEventException(Reason.OVERSIZED,
                    "event of " + length + " bytes (at most " + MAX_EVENT_BYTES + ")");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(buf, offset, length);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException(Reason.BAD_JSON, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedEventException(Reason.BAD_JSON, "not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException(Reason.BAD_JSON, "not a JSON object");
        }
        String typeName = text(root, "event");
        EventType type = EventType.fromWireName(typeName).orElseThrow(() ->
                new MalformedEventException(Reason.UNKNOWN_TYPE, "unknown event type \"" + typeName + "\""));
        UUID id = uuid(text(root, "event_id"));
        long tsMicros = tsMicros(required(root, "ts"));
        JsonNode seqNode = required(root, "seq");
        if (!FieldKind.INTEGER.accepts(seqNode) || seqNode.asLong() < 0) {
            throw wrongType("seq", "a whole number >= 0");
        }
        JsonNode dataNode = required(root, "data");
        if (!dataNode.isObject()) {
            throw wrongType("data", "an object");
        }
        for (Map.Entry<String, FieldKind> field : type.fields().entrySet()) {
            JsonNode value = dataNode.get(field.getKey());
            if (value == null) {
                throw new MalformedEventException(Reason.MISSING_FIELD,
                        type.wireName() + " without data." + field.getKey());
            }
            if (!field.getValue().accepts(value)) {
                throw wrongType("data." + field.getKey(), kindName(field.getValue()));
            }
        }
        return new Event(id, type, tsMicros, seqNode.asLong(), text(root, "source"), text(root, "region"),
                text(root, "pool_instance"), toMap((ObjectNode) dataNode));
    }

    private static void writeData(JsonGenerator g, Map<String, Object> data) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, Object> e : data.entrySet()) {
            g.writeFieldName(e.getKey());
            Object v = e.getValue();
            if (v == null) {
                g.writeNull();
            } else if (v instanceof String s) {
                g.writeString(s);
            } else if (v instanceof Boolean b) {
                g.writeBoolean(b);
            } else if (v instanceof Integer i) {
                g.writeNumber(i);
            } else if (v instanceof Long l) {
                g.writeNumber(l);
            } else if (v instanceof Number n) {
                double d = n.doubleValue();
                // JSON has no NaN or infinity; an undefined rate (no shares yet) is reported as 0.
                g.writeNumber(Double.isFinite(d) ? d : 0.0);
            } else {
                g.writeString(v.toString());
            }
        }
        g.writeEndObject();
    }

    private static Map<String, Object> toMap(ObjectNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), value(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object value(JsonNode v) {
        if (v.isNull()) {
            return null;
        } else if (v.isTextual()) {
            return v.textValue();
        } else if (v.isBoolean()) {
            return v.booleanValue();
        } else if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        } else if (v.isNumber()) {
            return v.doubleValue();
        }
        return v.toString(); // nested values are kept as their JSON text
    }

    private static JsonNode required(JsonNode root, String field) throws MalformedEventException {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) {
            throw new MalformedEventException(Reason.MISSING_FIELD, "event without " + field);
        }
        return v;
    }

    private static String text(JsonNode root, String field) throws MalformedEventException {
        JsonNode v = required(root, field);
        if (!v.isTextual()) {
            throw wrongType(field, "a string");
        }
        return v.textValue();
    }

    private static UUID uuid(String s) throws MalformedEventException {
        try {
            if (s.length() == 36) {
                return UUID.fromString(s);
            }
        } catch (IllegalArgumentException e) {
            // refused below
        }
        throw wrongType("event_id", "a UUID");
    }

    private static long tsMicros(JsonNode ts) throws MalformedEventException {
        if (!ts.isNumber()) {
            throw wrongType("ts", "epoch seconds");
        }
        double seconds = ts.doubleValue();
        if (!(seconds > 0) || seconds > 1e11) {
            throw wrongType("ts", "epoch seconds");
        }
        // decimalValue keeps all six decimals, which a double would round at this magnitude
        return ts.decimalValue().movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static MalformedEventException wrongType(String field, String expected) {
        return new MalformedEventException(Reason.WRONG_TYPE, field + " is not " + expected);
    }

    private static String kindName(FieldKind kind) {
        return switch (kind) {
            case STRING -> "a string";
            case OPTIONAL_STRING -> "a string or null";
            case INTEGER -> "a whole number";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
        };
    }
}
