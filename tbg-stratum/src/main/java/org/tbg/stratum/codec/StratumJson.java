package org.tbg.stratum.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.tbg.stratum.message.StratumError;

/**
 * Pool → client lines. Every method returns one complete line, <b>including the trailing
 * {@code '\n'}</b>, as a fresh UTF-8 byte array the caller owns (wrap it with
 * {@code Unpooled.wrappedBuffer} to write it).
 *
 * <p>Strings are JSON-escaped and non-ASCII is written as {@code \}{@code uXXXX} escapes, so the
 * output is pure ASCII: worker names and messages come from miners, and small firmware JSON
 * parsers cope better with escapes than with raw UTF-8. Ids are written back verbatim: pass
 * {@link org.tbg.stratum.message.StratumRequest#rawId()} (or null, written as JSON null).
 *
 * <p>Stateless and thread-safe.
 */
public final class StratumJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();
    private static final int INITIAL_CAPACITY = 256;

    private StratumJson() {}

    /** {@code {"id":<rawId>,"result":<value>,"error":null}} */
    public static byte[] result(String rawId, boolean value) {
        return line(g -> {
            writeId(g, rawId);
            g.writeBooleanField("result", value);
            g.writeNullField("error");
        });
    }

    /** {@code {"id":<rawId>,"result":<resultJson>,"error":null}}; {@code resultJson} must already be valid JSON. */
    public static byte[] resultRaw(String rawId, String resultJson) {
        return line(g -> {
            writeId(g, rawId);
            g.writeFieldName("result");
            g.writeRawValue(resultJson);
            g.writeNullField("error");
        });
    }

    /**
     * The {@code mining.subscribe} result
     * {@code [[["mining.set_difficulty",sid],["mining.notify",sid]],extranonce1,extranonce2_size]}.
     */
    public static byte[] subscribeResult(String rawId, String subscriptionId, String extranonce1Hex, int extranonce2Size) {
        return line(g -> {
            writeId(g, rawId);
            g.writeArrayFieldStart("result");
            g.writeStartArray();
            g.writeStartArray();
            g.writeString("mining.set_difficulty");
            g.writeString(subscriptionId);
            g.writeEndArray();
            g.writeStartArray();
            g.writeString("mining.notify");
            g.writeString(subscriptionId);
            g.writeEndArray();
            g.writeEndArray();
            g.writeString(extranonce1Hex);
            g.writeNumber(extranonce2Size);
            g.writeEndArray();
            g.writeNullField("error");
        });
    }

    /** {@code {"id":<rawId>,"result":null,"error":[code,"reason",null]}}; a null reason uses {@code e.text()}. */
    public static byte[] error(String rawId, StratumError e, String reason) {
        return line(g -> {
            writeId(g, rawId);
            g.writeNullField("result");
            writeError(g, e, reason);
        });
    }

    /**
     * A rejected share: {@code {"id":<rawId>,"result":false,"error":[code,"reason",null],"reject-reason":"reason"}}.
     * {@code reject-reason} is what cgminer-derived firmware shows; a null reason uses {@code e.text()}.
     */
    public static byte[] reject(String rawId, StratumError e, String reason) {
        String text = reason != null ? reason : e.text();
        return line(g -> {
            writeId(g, rawId);
            g.writeBooleanField("result", false);
            writeError(g, e, text);
            g.writeStringField("reject-reason", text);
        });
    }

    /** {@code {"id":null,"method":"mining.set_difficulty","params":[diff]}}, diff in plain decimal. */
    public static byte[] setDifficulty(double difficulty) {
        String plain = formatDifficulty(difficulty);
        return notification("mining.set_difficulty", g -> g.writeNumber(plain));
    }

    /** {@code mining.notify}; every argument is sent as given (see {@code PrevHash} for the prevhash form). */
    public static byte[] notify(String jobId, String prevHashHex, String coinb1Hex, String coinb2Hex,
                                List<String> merkleBranchHex, String versionHex, String nbitsHex, String ntimeHex,
                                boolean cleanJobs) {
        return notification("mining.notify", g -> {
            g.writeString(jobId);
            g.writeString(prevHashHex);
            g.writeString(coinb1Hex);
            g.writeString(coinb2Hex);
            g.writeStartArray();
            for (String h : merkleBranchHex) {
                g.writeString(h);
            }
            g.writeEndArray();
            g.writeString(versionHex);
            g.writeString(nbitsHex);
            g.writeString(ntimeHex);
            g.writeBoolean(cleanJobs);
        });
    }

    /**
     * {@code client.reconnect [host, port, wait]}. Trailing nulls are left out (so all-null gives
     * {@code []}, "reconnect to the same place"); a null before a present value is written as null.
     */
    public static byte[] reconnect(String host, Integer port, Integer waitSeconds) {
        int count = waitSeconds != null ? 3 : port != null ? 2 : host != null ? 1 : 0;
        return notification("client.reconnect", g -> {
            if (count >= 1) {
                if (host != null) g.writeString(host); else g.writeNull();
            }
            if (count >= 2) {
                if (port != null) g.writeNumber(port); else g.writeNull();
            }
            if (count >= 3) {
                g.writeNumber(waitSeconds);
            }
        });
    }

    /** {@code client.show_message [text]} */
    public static byte[] showMessage(String text) {
        return notification("client.show_message", g -> g.writeString(text));
    }

    /**
     * A difficulty as a plain decimal with no exponent and no trailing zeros: 42 → {@code 42},
     * 0.001 → {@code 0.001}, 1.0E-5 → {@code 0.00001}. Uses the shortest decimal that reads back
     * as the same double.
     */
    public static String formatDifficulty(double difficulty) {
        if (!Double.isFinite(difficulty) || difficulty < 0) {
            throw new IllegalArgumentException("difficulty must be finite and non-negative: " + difficulty);
        }
        if (difficulty == 0) {
            return "0";
        }
        return BigDecimal.valueOf(difficulty).stripTrailingZeros().toPlainString();
    }

    private static byte[] notification(String method, Body params) {
        return line(g -> {
            g.writeNullField("id");
            g.writeStringField("method", method);
            g.writeArrayFieldStart("params");
            params.write(g);
            g.writeEndArray();
        });
    }

    private static void writeId(JsonGenerator g, String rawId) throws IOException {
        g.writeFieldName("id");
        g.writeRawValue(rawId != null ? rawId : "null");
    }

    private static void writeError(JsonGenerator g, StratumError e, String reason) throws IOException {
        g.writeArrayFieldStart("error");
        g.writeNumber(e.code());
        g.writeString(reason != null ? reason : e.text());
        g.writeNull();
        g.writeEndArray();
    }

    private static byte[] line(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_CAPACITY);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            body.write(g);
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }
}
