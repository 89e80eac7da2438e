package org.tbg.stratum.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.tbg.stratum.message.ClientLine;
import org.tbg.stratum.message.MalformedLine;
import org.tbg.stratum.message.StratumRequest;

/**
 * One client line → a {@link StratumRequest} or a {@link MalformedLine}. Framing is done before
 * this handler ({@code LineBasedFrameDecoder} with {@code stripDelimiter = true}); a trailing
 * {@code '\r'} is tolerated and blank lines produce nothing. Bad input never throws out of here:
 * it becomes a {@code MalformedLine} the session answers and closes on.
 *
 * <p>The line is parsed with Jackson's streaming parser so the id's raw text can be cut out of
 * the input and echoed back byte for byte; only {@code params} is materialised as a tree.
 * Stateless and {@link Sharable}; the input buffer is released by {@code MessageToMessageDecoder}.
 */
@Sharable
public final class StratumRequestDecoder extends MessageToMessageDecoder<ByteBuf> {
    /** Deepest JSON nesting accepted (the request object itself is level 1); real requests use 3. */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Most params accepted; the longest real request (mining.submit) has 6. */
    public static final int MAX_PARAMS = 64;

    private static final String NULL_ID = "null";

    /** Thread-safe once configured; shared by every connection. */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build());

    public StratumRequestDecoder() {
        super(ByteBuf.class);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf line, List<Object> out) {
        ClientLine decoded = decode(line);
        if (decoded != null) {
            out.add(decoded);
        }
    }

    /** Decodes the readable bytes of {@code line} without consuming or releasing it; null for a blank line. */
    public static ClientLine decode(ByteBuf line) {
        int len = line.readableBytes();
        if (line.hasArray()) {
            return decode(line.array(), line.arrayOffset() + line.readerIndex(), len);
        }
        byte[] copy = new byte[len];
        line.getBytes(line.readerIndex(), copy);
        return decode(copy, 0, len);
    }

    /** Decodes {@code buf[off, off+len)} (one line, without its '\n'); null for a blank line. */
    public static ClientLine decode(byte[] buf, int off, int len) {
        while (len > 0 && isBlank(buf[off + len - 1])) {
            len--; // a trailing '\r' (CRLF clients) and spaces
        }
        if (len == 0 || allBlank(buf, off, len)) {
            return null;
        }
        String rawId = null;
        try (JsonParser p = MAPPER.createParser(buf, off, len)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new MalformedLine(null, "request is not a JSON object");
            }
            String method = null;
            String methodProblem = "missing method";
            JsonNode params = null;
            String paramsProblem = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "id" -> rawId = rawText(p, value, buf, off);
                    case "method" -> {
                        if (value == JsonToken.VALUE_STRING) {
                            method = p.getText();
                        } else {
                            methodProblem = "method is not a string";
                            p.skipChildren();
                        }
                    }
                    case "params" -> {
                        if (value == JsonToken.START_ARRAY) {
                            params = MAPPER.readTree(p);
                            if (params.size() > MAX_PARAMS) {
                                paramsProblem = "more than " + MAX_PARAMS + " params";
                            }
                        } else if (value != JsonToken.VALUE_NULL) {
                            // null is tolerated as "no params"; anything else is a client bug
                            paramsProblem = "params is not an array";
                            p.skipChildren();
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (p.nextToken() != null) {
                return new MalformedLine(rawId, "data after the JSON object");
            }
            String id = rawId != null ? rawId : NULL_ID;
            if (method == null) {
                return new MalformedLine(id, methodProblem);
            }
            if (paramsProblem != null) {
                return new MalformedLine(id, paramsProblem);
            }
            if (!Utf8.isWellFormedWithoutNul(buf, off, len)) {
                return new MalformedLine(id, "invalid JSON"); // accepted by Jackson as UTF-16/32 or overlong UTF-8
            }
            return new StratumRequest(id, method, params);
        } catch (StreamConstraintsException e) {
            return new MalformedLine(rawId, isNesting(e) ? "JSON nested deeper than " + MAX_NESTING_DEPTH + " levels"
                    : "JSON value too large");
        } catch (IOException | RuntimeException e) {
            // Jackson reports bad syntax, bad UTF-8 and duplicate keys as exceptions; all are the client's fault
            return new MalformedLine(rawId, "invalid JSON");
        }
    }

    /**
     * The current value's JSON text exactly as in the input, consuming the value. Byte offsets
     * from the parser are relative to {@code off}.
     */
    private static String rawText(JsonParser p, JsonToken value, byte[] buf, int off) throws IOException {
        long start = p.currentTokenLocation().getByteOffset();
        if (value.isStructStart()) {
            p.skipChildren();
        } else {
            p.finishToken(); // strings are decoded lazily; finish so the location is past the closing quote
        }
        long end = p.currentLocation().getByteOffset();
        if (start < 0 || end <= start) {
            throw new IllegalStateException("parser gave no byte offsets for the id");
        }
        return new String(buf, off + (int) start, (int) (end - start), StandardCharsets.UTF_8);
    }

    private static boolean isNesting(StreamConstraintsException e) {
        String m = e.getMessage();
        return m != null && m.contains("nesting");
    }

    private static boolean isBlank(byte b) {
        return b == '\r' || b == ' ' || b == '\t';
    }

    private static boolean allBlank(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (!isBlank(buf[i])) {
                return false;
            }
        }
        return true;
    }
}
