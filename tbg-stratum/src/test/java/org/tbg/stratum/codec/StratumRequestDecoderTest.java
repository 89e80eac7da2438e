package org.tbg.stratum.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.stratum.message.ClientLine;
import org.tbg.stratum.message.MalformedLine;
import org.tbg.stratum.message.StratumRequest;

@Timeout(10)
class StratumRequestDecoderTest {

    private static ClientLine decode(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return StratumRequestDecoder.decode(b, 0, b.length);
    }

    private static StratumRequest request(String line) {
        ClientLine d = decode(line);
        assertThat(d).isInstanceOf(StratumRequest.class);
        return (StratumRequest) d;
    }

    private static MalformedLine malformed(String line) {
        ClientLine d = decode(line);
        assertThat(d).isInstanceOf(MalformedLine.class);
        return (MalformedLine) d;
    }

    @Test
    void numericIdIsKeptAsSent() {
        StratumRequest r = request("{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"cgminer/4.12\"]}");
        assertThat(r.rawId()).isEqualTo("1");
        assertThat(r.method()).isEqualTo("mining.subscribe");
        assertThat(r.paramCount()).isEqualTo(1);
        assertThat(r.stringParam(0)).isEqualTo("cgminer/4.12");
    }

    @Test
    void stringIdKeepsQuotesAndEscapesVerbatim() {
        assertThat(request("{\"id\":\"abc\",\"method\":\"m\"}").rawId()).isEqualTo("\"abc\"");
        // escapes are not normalised: the reply carries the very same text
        assertThat(request("{\"id\":\"a\\u00e9\\\"x\",\"method\":\"m\"}").rawId()).isEqualTo("\"a\\u00e9\\\"x\"");
        assertThat(request("{\"id\":\"h\u00e9\u20ac\",\"method\":\"m\"}").rawId()).isEqualTo("\"h\u00e9\u20ac\"");
    }

    @Test
    void nullAndAbsentIdsBecomeNull() {
        assertThat(request("{\"id\":null,\"method\":\"m\",\"params\":[]}").rawId()).isEqualTo("null");
        StratumRequest noId = request("{\"method\":\"m\",\"params\":[]}");
        assertThat(noId.rawId()).isEqualTo("null");
        assertThat(noId.hasId()).isFalse();
    }

    @Test
    void unusualNumericIdsAreNotReformatted() {
        assertThat(request("{ \"id\" :  1.50 , \"method\":\"m\"}").rawId()).isEqualTo("1.50");
        assertThat(request("{\"id\":-0,\"method\":\"m\"}").rawId()).isEqualTo("-0");
        assertThat(request("{\"id\":1e3,\"method\":\"m\"}").rawId()).isEqualTo("1e3");
        assertThat(request("{\"id\":123456789012345678901234567890,\"method\":\"m\"}").rawId())
                .isEqualTo("123456789012345678901234567890");
        assertThat(request("{\"method\":\"m\",\"params\":[],\"id\":7}").rawId()).isEqualTo("7");
    }

    @Test
    void structuredIdIsCutOutExactly() {
        assertThat(request("{\"id\":{\"a\": [1, 2]},\"method\":\"m\"}").rawId()).isEqualTo("{\"a\": [1, 2]}");
        assertThat(request("{\"id\":true,\"method\":\"m\"}").rawId()).isEqualTo("true");
    }

    @Test
    void idIsKeptWhenTheBufferHasAnOffset() {
        byte[] padded = "xxxx{\"id\":\"q\",\"method\":\"m\"}yyyy".getBytes(StandardCharsets.UTF_8);
        ClientLine d = StratumRequestDecoder.decode(padded, 4, padded.length - 8);
        assertThat(d).isEqualTo(new StratumRequest("\"q\"", "m", ((StratumRequest) d).params()));
        assertThat(((StratumRequest) d).rawId()).isEqualTo("\"q\"");
    }

    @Test
    void absentOrNullParamsAreAnEmptyArray() {
        assertThat(request("{\"id\":1,\"method\":\"m\"}").params().isArray()).isTrue();
        assertThat(request("{\"id\":1,\"method\":\"m\"}").paramCount()).isZero();
        assertThat(request("{\"id\":1,\"method\":\"m\",\"params\":null}").paramCount()).isZero();
    }

    @Test
    void stringParamIsNullForOtherTypesAndMissingIndexes() {
        StratumRequest r = request("{\"id\":1,\"method\":\"m\",\"params\":[\"a\",2,null,[\"x\"]]}");
        assertThat(r.stringParam(0)).isEqualTo("a");
        assertThat(r.stringParam(1)).isNull();
        assertThat(r.stringParam(2)).isNull();
        assertThat(r.stringParam(3)).isNull();
        assertThat(r.stringParam(4)).isNull();
        assertThat(r.stringParam(-1)).isNull();
    }

    @Test
    void unknownFieldsAreIgnored() {
        StratumRequest r = request("{\"jsonrpc\":\"2.0\",\"id\":3,\"extra\":{\"a\":[1]},\"method\":\"m\",\"params\":[]}");
        assertThat(r.rawId()).isEqualTo("3");
    }

    @Test
    void invalidJsonIsMalformedKeepingAnIdReadBeforeTheError() {
        assertThat(malformed("{\"id\":5,\"method\":\"m\",")).isEqualTo(new MalformedLine("5", "invalid JSON"));
        assertThat(malformed("hello")).isEqualTo(new MalformedLine(null, "invalid JSON"));
        assertThat(malformed("{\"id\":5 \"method\":\"m\"}").rawId()).isEqualTo("5");
        assertThat(malformed("{'id':5,'method':'m'}").rawId()).isNull();
    }

    @Test
    void nonObjectIsMalformed() {
        assertThat(malformed("[1,2]")).isEqualTo(new MalformedLine(null, "request is not a JSON object"));
        assertThat(malformed("42").reason()).isEqualTo("request is not a JSON object");
        assertThat(malformed("\"mining.subscribe\"").reason()).isEqualTo("request is not a JSON object");
        assertThat(malformed("null").reason()).isEqualTo("request is not a JSON object");
    }

    @Test
    void missingOrNonStringMethodIsMalformedWithTheId() {
        assertThat(malformed("{\"id\":9,\"params\":[]}")).isEqualTo(new MalformedLine("9", "missing method"));
        assertThat(malformed("{\"id\":9,\"method\":5}")).isEqualTo(new MalformedLine("9", "method is not a string"));
        assertThat(malformed("{\"id\":9,\"method\":null}").reason()).isEqualTo("method is not a string");
        assertThat(malformed("{\"method\":[\"m\"],\"id\":\"x\"}")).isEqualTo(new MalformedLine("\"x\"", "method is not a string"));
        assertThat(malformed("{}")).isEqualTo(new MalformedLine("null", "missing method"));
    }

    @Test
    void nonArrayParamsAreMalformed() {
        assertThat(malformed("{\"id\":1,\"method\":\"m\",\"params\":{\"a\":1}}"))
                .isEqualTo(new MalformedLine("1", "params is not an array"));
        assertThat(malformed("{\"id\":1,\"method\":\"m\",\"params\":\"x\"}").reason()).isEqualTo("params is not an array");
    }

    @Test
    void nestingUpToTheLimitIsAcceptedAndDeeperIsMalformed() {
        // the request object is level 1 and params level 2: 14 more arrays reach exactly 16
        StratumRequest ok = request("{\"id\":1,\"method\":\"m\",\"params\":[" + "[".repeat(14) + "]".repeat(14) + "]}");
        assertThat(ok.paramCount()).isEqualTo(1);
        MalformedLine deep = malformed("{\"id\":1,\"method\":\"m\",\"params\":[" + "[".repeat(15) + "]".repeat(15) + "]}");
        assertThat(deep.rawId()).isEqualTo("1");
        assertThat(deep.reason()).contains("nested deeper than 16");
        assertThat(malformed("{\"id\":2,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}"))
                .isEqualTo(new MalformedLine("2", "JSON nested deeper than 16 levels"));
    }

    @Test
    void tooManyParamsAreMalformed() {
        String p64 = "0,".repeat(63) + "0";
        assertThat(request("{\"id\":1,\"method\":\"m\",\"params\":[" + p64 + "]}").paramCount()).isEqualTo(64);
        assertThat(malformed("{\"id\":1,\"method\":\"m\",\"params\":[" + p64 + ",0]}"))
                .isEqualTo(new MalformedLine("1", "more than 64 params"));
        assertThat(malformed("{\"id\":1,\"method\":\"m\",\"params\":[" + "1,".repeat(2000) + "1]}").reason())
                .isEqualTo("more than 64 params");
    }

    @Test
    void rawNulBytesAreMalformedButEscapedNulIsData() {
        assertThat(malformed("{\"id\":1,\"method\":\"m\",\"params\":[\"a\u0000b\"]}").reason()).isEqualTo("invalid JSON");
        assertThat(malformed("{\"id\":1,\u0000\"method\":\"m\"}").reason()).isEqualTo("invalid JSON");
        assertThat(malformed("\u0000\u0000").rawId()).isNull();
        assertThat(request("{\"id\":1,\"method\":\"m\",\"params\":[\"a\\u0000b\"]}").stringParam(0)).isEqualTo("a\u0000b");
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] head = "{\"id\":1,\"method\":\"m\",\"params\":[\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"]}".getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, line, 0, head.length);
        line[head.length] = (byte) 0xc3;
        line[head.length + 1] = (byte) 0x28; // not a continuation byte
        System.arraycopy(tail, 0, line, head.length + 2, tail.length);
        assertThat(StratumRequestDecoder.decode(line, 0, line.length)).isEqualTo(new MalformedLine("1", "invalid JSON"));
    }

    @Test
    void unicodeInStringsIsDecoded() {
        StratumRequest r = request("{\"id\":1,\"method\":\"mining.authorize\",\"params\":[\"bc1q.w\u00f6rker\ud83d\ude00\",\"\\ud83d\\ude00\"]}");
        assertThat(r.stringParam(0)).isEqualTo("bc1q.w\u00f6rker\ud83d\ude00");
        assertThat(r.stringParam(1)).isEqualTo("\ud83d\ude00");
    }

    @Test
    void trailingDataAndSecondObjectsAreMalformed() {
        assertThat(malformed("{\"id\":1,\"method\":\"m\"} x").rawId()).isEqualTo("1");
        assertThat(malformed("{\"id\":1,\"method\":\"m\"}{\"id\":2,\"method\":\"n\"}"))
                .isEqualTo(new MalformedLine("1", "data after the JSON object"));
    }

    @Test
    void duplicateKeysAreMalformed() {
        assertThat(malformed("{\"id\":1,\"method\":\"a\",\"method\":\"b\"}").reason()).isEqualTo("invalid JSON");
    }

    @Test
    void blankLinesAndCarriageReturnsAreTolerated() {
        assertThat(decode("")).isNull();
        assertThat(decode("\r")).isNull();
        assertThat(decode("  \t ")).isNull();
        assertThat(request("{\"id\":2,\"method\":\"m\"}\r").rawId()).isEqualTo("2");
    }

    @Test
    void directBuffersAreDecodedToo() {
        byte[] b = "{\"id\":\"d\",\"method\":\"m\",\"params\":[1]}\r".getBytes(StandardCharsets.UTF_8);
        ByteBuf direct = Unpooled.directBuffer(b.length).writeBytes(b);
        try {
            StratumRequest r = (StratumRequest) StratumRequestDecoder.decode(direct);
            assertThat(r.rawId()).isEqualTo("\"d\"");
            assertThat(r.params().get(0).intValue()).isEqualTo(1);
            assertThat(direct.readableBytes()).isEqualTo(b.length); // not consumed
        } finally {
            direct.release();
        }
    }

    @Test
    void inAPipelineCrlfLinesDecodeBlankLinesVanishAndBuffersAreReleased() {
        EmbeddedChannel ch = new EmbeddedChannel(new LineBasedFrameDecoder(4096, true, true), new StratumRequestDecoder());
        ByteBuf in = Unpooled.copiedBuffer(
                "{\"id\":1,\"method\":\"a\"}\r\n\r\n\n{\"id\":\"2\",\"method\":\"b\",\"params\":[\"x\"]}\nnot json\n",
                StandardCharsets.UTF_8);
        ch.writeInbound(in);
        StratumRequest first = ch.readInbound();
        StratumRequest second = ch.readInbound();
        MalformedLine third = ch.readInbound();
        assertThat(first.rawId()).isEqualTo("1");
        assertThat(first.method()).isEqualTo("a");
        assertThat(second.rawId()).isEqualTo("\"2\"");
        assertThat(second.stringParam(0)).isEqualTo("x");
        assertThat(third).isEqualTo(new MalformedLine(null, "invalid JSON"));
        Object rest = ch.readInbound();
        assertThat(rest).isNull();
        assertThat(in.refCnt()).isZero();
        assertThat(ch.finish()).isFalse();
    }
}
