package org.tbg.stratum.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.tbg.stratum.message.ClientLine;
import org.tbg.stratum.message.MalformedLine;
import org.tbg.stratum.message.StratumRequest;

/**
 * Any bytes a miner sends: each line is a {@link StratumRequest} that says what an independent
 * strict JSON parse of the line says, or a {@link MalformedLine} with one of the documented reasons
 * — never an exception. Through the pool's framing (4096-byte lines, as {@code StratumServer}) the
 * only error is the documented too-long line, and every buffer is released.
 *
 * <p>Seeds: real miner lines (cgminer, Bitaxe, BIP310 configure) and the malformed cases
 * (random bytes, a 128 KiB parameter, non-string methods, 1,000-deep nesting, NUL bytes, UTF-16,
 * invalid UTF-8, partial JSON, SQL injection and emoji/zero-width usernames).
 */
@Tag("fuzz")
class StratumRequestDecoderFuzzTest {
    private static final int MAX_LINE = 4096;

    /** The reasons a MalformedLine may give (its contract with the session, which sends them to miners). */
    private static final Set<String> REASONS = Set.of(
            "request is not a JSON object", "data after the JSON object", "missing method",
            "method is not a string", "params is not an array", "invalid JSON", "JSON value too large",
            "more than " + StratumRequestDecoder.MAX_PARAMS + " params",
            "JSON nested deeper than " + StratumRequestDecoder.MAX_NESTING_DEPTH + " levels");

    /** The oracle: plain Jackson trees from strictly decoded UTF-8, one value per line, no duplicate keys. */
    private static final ObjectMapper ORACLE = oracle(StreamReadConstraints.builder()
            .maxNumberLength(Integer.MAX_VALUE).maxStringLength(Integer.MAX_VALUE).build());
    /** The same with Jackson's default size limits, which the decoder keeps too. */
    private static final ObjectMapper ORACLE_DEFAULT_LIMITS = oracle(StreamReadConstraints.defaults());

    @FuzzTest(maxDuration = "20s")
    void everyLineIsARequestOrADocumentedMalformedLine(byte[] input) {
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == '\n') {
                checkLine(input, start, i - start);
                start = i + 1;
            }
        }
        checkThroughThePoolsFraming(input);
    }

    private static void checkLine(byte[] buf, int off, int len) {
        ClientLine decoded = StratumRequestDecoder.decode(buf, off, len);
        if (isBlank(buf, off, len)) {
            assertThat(decoded).isNull();
            return;
        }
        assertThat(decoded).isNotNull();
        String text = utf8OrNull(buf, off, len);
        JsonNode tree = parseOrNull(ORACLE, text);
        if (decoded instanceof StratumRequest r) {
            assertThat(tree).as("a request the oracle cannot read: %s", r).isNotNull();
            assertThat(tree.isObject()).isTrue();
            assertThat(tree.get("method").textValue()).isEqualTo(r.method());
            JsonNode params = tree.get("params");
            assertThat(r.params()).isEqualTo(params == null || params.isNull() ? JsonNodeFactory.instance.arrayNode() : params);
            assertThat(r.paramCount()).isLessThanOrEqualTo(StratumRequestDecoder.MAX_PARAMS);
            assertThat(depth(tree)).isLessThanOrEqualTo(StratumRequestDecoder.MAX_NESTING_DEPTH);
            // The id is echoed verbatim into replies: it must be exactly one JSON value, the one sent.
            JsonNode id = tree.get("id");
            assertThat(parseOrNull(ORACLE, r.rawId())).isEqualTo(id != null ? id : JsonNodeFactory.instance.nullNode());
            return;
        }
        MalformedLine bad = (MalformedLine) decoded;
        assertThat(REASONS).contains(bad.reason());
        if (bad.rawId() != null) {
            assertThat(parseOrNull(ORACLE, bad.rawId())).as("rawId %s", bad.rawId()).isNotNull();
        }
        if (bad.reason().equals("invalid JSON")) {
            assertThat(tree).as("valid JSON called invalid: %s", text).isNull();
        }
        JsonNode withDefaultLimits = tree == null ? null : parseOrNull(ORACLE_DEFAULT_LIMITS, text); // stricter
        assertThat(isUsableRequest(withDefaultLimits))
                .as("a usable request refused as '%s': %s", bad.reason(), text).isFalse();
    }

    /** What the decoder must accept: an object with a string method and at most MAX_PARAMS params, not too deep. */
    private static boolean isUsableRequest(JsonNode tree) {
        if (tree == null || !tree.isObject() || !tree.path("method").isTextual()) {
            return false;
        }
        JsonNode params = tree.get("params");
        boolean paramsOk = params == null || params.isNull()
                || params.isArray() && params.size() <= StratumRequestDecoder.MAX_PARAMS;
        return paramsOk && depth(tree) <= StratumRequestDecoder.MAX_NESTING_DEPTH;
    }

    private static void checkThroughThePoolsFraming(byte[] input) {
        Collector collector = new Collector();
        EmbeddedChannel ch = new EmbeddedChannel(new LineBasedFrameDecoder(MAX_LINE, true, true),
                new StratumRequestDecoder(), collector);
        ByteBuf in = Unpooled.wrappedBuffer(input);
        ch.writeInbound(in);
        ch.finishAndReleaseAll();
        for (Object line : collector.lines) {
            assertThat(line).isInstanceOfAny(StratumRequest.class, MalformedLine.class);
        }
        for (Throwable t : collector.errors) {
            assertThat(t).isInstanceOf(TooLongFrameException.class);
        }
        if (input.length > 0) { // an empty input is the shared EMPTY_BUFFER, which is never released
            assertThat(in.refCnt()).isZero();
        }
    }

    /** The last handler, as the session is: takes the decoded lines and the exceptions. */
    private static final class Collector extends ChannelInboundHandlerAdapter {
        final List<Object> lines = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            lines.add(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.add(cause);
        }
    }

    private static ObjectMapper oracle(StreamReadConstraints limits) {
        return new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build())
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    private static JsonNode parseOrNull(ObjectMapper mapper, String text) {
        if (text == null) {
            return null;
        }
        try {
            JsonNode tree = mapper.readTree(text);
            return tree.isMissingNode() ? null : tree; // empty text: no JSON value at all
        } catch (IOException e) {
            return null;
        }
    }

    /** Strict UTF-8 (RFC 8259: JSON between systems is UTF-8), a leading byte-order mark ignored; null if invalid. */
    private static String utf8OrNull(byte[] buf, int off, int len) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, off, len)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Nesting as Jackson counts it: the request object is level 1. */
    private static int depth(JsonNode node) {
        if (!node.isContainerNode()) {
            return 0;
        }
        int deepest = 0;
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            deepest = Math.max(deepest, depth(it.next()));
        }
        return 1 + deepest;
    }

    /** What the decoder treats as a blank line: only CR, space and tab. */
    private static boolean isBlank(byte[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (buf[i] != '\r' && buf[i] != ' ' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
