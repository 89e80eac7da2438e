package org.tbg.stratum.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.StratumError;
import org.tbg.stratum.message.StratumRequest;

@Timeout(10)
class StratumJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks the line framing and parses the JSON back with an independent reader. */
    private static JsonNode parse(byte[] line) throws Exception {
        String s = new String(line, StandardCharsets.UTF_8);
        assertThat(s).endsWith("\n");
        assertThat(s.indexOf('\n')).isEqualTo(s.length() - 1);
        JsonNode n = JSON.readTree(s);
        assertThat(n.isObject()).isTrue();
        return n;
    }

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    @Test
    void resultEchoesNumericStringAndNullIds() throws Exception {
        JsonNode n = parse(StratumJson.result("17", true));
        assertThat(n.get("id").isInt()).isTrue();
        assertThat(n.get("id").intValue()).isEqualTo(17);
        assertThat(n.get("result").booleanValue()).isTrue();
        assertThat(n.get("error").isNull()).isTrue();

        JsonNode s = parse(StratumJson.result("\"abc\"", false));
        assertThat(s.get("id").textValue()).isEqualTo("abc");
        assertThat(s.get("result").isBoolean()).isTrue();
        assertThat(s.get("result").booleanValue()).isFalse();

        assertThat(parse(StratumJson.result("null", true)).get("id").isNull()).isTrue();
        assertThat(parse(StratumJson.result(null, true)).get("id").isNull()).isTrue();
    }

    @Test
    void idsDecodedFromRequestsComeBackEqual() throws Exception {
        for (String id : List.of("1", "\"abc\"", "null", "1.50", "\"a\\u00e9\\\"x\"", "123456789012345678901234567890")) {
            String line = "{\"id\":" + id + ",\"method\":\"mining.authorize\",\"params\":[\"w\",\"x\"]}";
            StratumRequest req = (StratumRequest) StratumRequestDecoder.decode(line.getBytes(StandardCharsets.UTF_8), 0, line.length());
            JsonNode reply = parse(StratumJson.result(req.rawId(), true));
            assertThat(reply.get("id")).isEqualTo(JSON.readTree(line).get("id"));
            assertThat(text(StratumJson.result(req.rawId(), true))).startsWith("{\"id\":" + id + ",");
        }
    }

    @Test
    void resultRawEmbedsTheGivenJson() throws Exception {
        JsonNode n = parse(StratumJson.resultRaw("4", "{\"version-rolling\":true,\"version-rolling.mask\":\"1fffe000\"}"));
        assertThat(n.get("id").intValue()).isEqualTo(4);
        assertThat(n.get("result").get("version-rolling").booleanValue()).isTrue();
        assertThat(n.get("result").get("version-rolling.mask").textValue()).isEqualTo("1fffe000");
        assertThat(n.get("error").isNull()).isTrue();
    }

    @Test
    void subscribeResultHasTheStratumShape() throws Exception {
        JsonNode r = parse(StratumJson.subscribeResult("1", "deadbeef", "deadbeef", 8)).get("result");
        assertThat(r.size()).isEqualTo(3);
        assertThat(r.get(0).get(0).get(0).textValue()).isEqualTo("mining.set_difficulty");
        assertThat(r.get(0).get(0).get(1).textValue()).isEqualTo("deadbeef");
        assertThat(r.get(0).get(1).get(0).textValue()).isEqualTo("mining.notify");
        assertThat(r.get(0).get(1).get(1).textValue()).isEqualTo("deadbeef");
        assertThat(r.get(1).textValue()).isEqualTo("deadbeef");
        assertThat(r.get(2).isInt()).isTrue();
        assertThat(r.get(2).intValue()).isEqualTo(8);
    }

    @Test
    void errorCarriesCodeReasonAndNull() throws Exception {
        JsonNode n = parse(StratumJson.error("3", StratumError.OTHER, "Unknown method"));
        assertThat(n.get("id").intValue()).isEqualTo(3);
        assertThat(n.get("result").isNull()).isTrue();
        JsonNode e = n.get("error");
        assertThat(e.size()).isEqualTo(3);
        assertThat(e.get(0).intValue()).isEqualTo(20);
        assertThat(e.get(1).textValue()).isEqualTo("Unknown method");
        assertThat(e.get(2).isNull()).isTrue();

        JsonNode d = parse(StratumJson.error("3", StratumError.NOT_SUBSCRIBED, null)).get("error");
        assertThat(d.get(0).intValue()).isEqualTo(25);
        assertThat(d.get(1).textValue()).isEqualTo("Not subscribed");
    }

    @Test
    void rejectCarriesFalseErrorAndRejectReason() throws Exception {
        JsonNode n = parse(StratumJson.reject("\"s1\"", StratumError.JOB_NOT_FOUND, "Stale"));
        assertThat(n.get("id").textValue()).isEqualTo("s1");
        assertThat(n.get("result").isBoolean()).isTrue();
        assertThat(n.get("result").booleanValue()).isFalse();
        assertThat(n.get("error").get(0).intValue()).isEqualTo(21);
        assertThat(n.get("error").get(1).textValue()).isEqualTo("Stale");
        assertThat(n.get("error").get(2).isNull()).isTrue();
        assertThat(n.get("reject-reason").textValue()).isEqualTo("Stale");

        JsonNode d = parse(StratumJson.reject("1", StratumError.DUPLICATE, null));
        assertThat(d.get("error").get(0).intValue()).isEqualTo(22);
        assertThat(d.get("reject-reason").textValue()).isEqualTo("Duplicate share");
    }

    @Test
    void setDifficultyPrintsPlainDecimals() throws Exception {
        assertThat(text(StratumJson.setDifficulty(0.001))).isEqualTo("{\"id\":null,\"method\":\"mining.set_difficulty\",\"params\":[0.001]}\n");
        assertThat(text(StratumJson.setDifficulty(42))).contains("\"params\":[42]");
        assertThat(text(StratumJson.setDifficulty(0.0001))).contains("\"params\":[0.0001]");
        assertThat(text(StratumJson.setDifficulty(1e-5))).contains("\"params\":[0.00001]");
        assertThat(text(StratumJson.setDifficulty(1234.5))).contains("\"params\":[1234.5]");
        assertThat(text(StratumJson.setDifficulty(1e12))).contains("\"params\":[1000000000000]");
        assertThat(text(StratumJson.setDifficulty(0.1))).contains("\"params\":[0.1]");
        JsonNode n = parse(StratumJson.setDifficulty(65536));
        assertThat(n.get("id").isNull()).isTrue();
        assertThat(n.get("method").textValue()).isEqualTo("mining.set_difficulty");
        assertThat(n.get("params").get(0).doubleValue()).isEqualTo(65536.0);
        assertThat(parse(StratumJson.setDifficulty(0.3)).get("params").get(0).doubleValue()).isEqualTo(0.3);
    }

    @Test
    void setDifficultyRefusesNonFiniteOrNegative() {
        assertThatThrownBy(() -> StratumJson.setDifficulty(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StratumJson.setDifficulty(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StratumJson.setDifficulty(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void notifyHasEveryParamInOrderAndParsesBack() throws Exception {
        String prev = "4d16b6f85af6e2198f44ae2a6de67f78487ae5611b77c6c0440b921e00000000";
        List<String> branch = List.of("11".repeat(32), "22".repeat(32));
        JsonNode n = parse(StratumJson.notify("1a", prev, "01000000", "ffffffff", branch, "20000000", "207fffff", "65a1b2c3", true));
        assertThat(n.get("id").isNull()).isTrue();
        assertThat(n.get("method").textValue()).isEqualTo("mining.notify");
        JsonNode p = n.get("params");
        assertThat(p.size()).isEqualTo(9);
        assertThat(p.get(0).textValue()).isEqualTo("1a");
        assertThat(p.get(1).textValue()).isEqualTo(prev);
        assertThat(p.get(2).textValue()).isEqualTo("01000000");
        assertThat(p.get(3).textValue()).isEqualTo("ffffffff");
        assertThat(p.get(4).get(0).textValue()).isEqualTo(branch.get(0));
        assertThat(p.get(4).get(1).textValue()).isEqualTo(branch.get(1));
        assertThat(p.get(5).textValue()).isEqualTo("20000000");
        assertThat(p.get(6).textValue()).isEqualTo("207fffff");
        assertThat(p.get(7).textValue()).isEqualTo("65a1b2c3");
        assertThat(p.get(8).booleanValue()).isTrue();
        assertThat(NotifyJob.fromParams(p))
                .isEqualTo(new NotifyJob("1a", prev, "01000000", "ffffffff", branch, "20000000", "207fffff", "65a1b2c3", true));

        JsonNode empty = parse(StratumJson.notify("2", prev, "", "", List.of(), "20000000", "1d00ffff", "00000001", false)).get("params");
        assertThat(empty.get(4).isArray()).isTrue();
        assertThat(empty.get(4).size()).isZero();
        assertThat(empty.get(8).booleanValue()).isFalse();
    }

    @Test
    void reconnectLeavesOutTrailingAbsentValues() throws Exception {
        JsonNode full = parse(StratumJson.reconnect("eu.pool.example", 3333, 5));
        assertThat(full.get("method").textValue()).isEqualTo("client.reconnect");
        assertThat(full.get("id").isNull()).isTrue();
        assertThat(full.get("params").get(0).textValue()).isEqualTo("eu.pool.example");
        assertThat(full.get("params").get(1).intValue()).isEqualTo(3333);
        assertThat(full.get("params").get(2).intValue()).isEqualTo(5);
        assertThat(parse(StratumJson.reconnect(null, null, null)).get("params").size()).isZero();
        JsonNode hostOnly = parse(StratumJson.reconnect("h", null, null)).get("params");
        assertThat(hostOnly.size()).isEqualTo(1);
        JsonNode waitOnly = parse(StratumJson.reconnect(null, null, 30)).get("params");
        assertThat(waitOnly.size()).isEqualTo(3);
        assertThat(waitOnly.get(0).isNull()).isTrue();
        assertThat(waitOnly.get(1).isNull()).isTrue();
        assertThat(waitOnly.get(2).intValue()).isEqualTo(30);
    }

    @Test
    void minerSuppliedTextIsEscapedAndOutputIsAscii() throws Exception {
        String nasty = "w\u00f6rker \ud83d\ude00 \"quoted\" back\\slash\nnew\tline \u0000 </script>";
        byte[] msg = StratumJson.showMessage(nasty);
        for (byte b : msg) {
            assertThat(b & 0xff).isLessThan(0x80);
        }
        String raw = text(msg);
        assertThat(raw.toLowerCase()).contains("\\ud83d\\ude00").contains("\\u0000").contains("\\\"quoted\\\"").contains("\\n");
        JsonNode n = parse(msg);
        assertThat(n.get("method").textValue()).isEqualTo("client.show_message");
        assertThat(n.get("params").get(0).textValue()).isEqualTo(nasty);

        JsonNode rej = parse(StratumJson.reject("1", StratumError.UNAUTHORIZED, "invalid address: " + nasty));
        assertThat(rej.get("error").get(1).textValue()).isEqualTo("invalid address: " + nasty);
        assertThat(rej.get("reject-reason").textValue()).isEqualTo("invalid address: " + nasty);
    }

    @Test
    void loneSurrogatesFromMinersDoNotBreakTheWriter() throws Exception {
        // "\ud800" is legal JSON escape syntax, so a decoded worker name can hold half a pair
        String half = "w\ud800x";
        JsonNode n = parse(StratumJson.error("1", StratumError.OTHER, half));
        assertThat(n.get("error").get(1).textValue()).isEqualTo(half);
    }

    @Test
    void formatDifficultyRoundTrips() {
        for (double d : new double[] {1, 0.5, 1.0 / 3, 2.5e-7, 123456.789, 4096, 1e15, 3.0e-9}) {
            String s = StratumJson.formatDifficulty(d);
            assertThat(s).doesNotContainIgnoringCase("e");
            assertThat(Double.parseDouble(s)).isEqualTo(d);
        }
        assertThat(StratumJson.formatDifficulty(0)).isEqualTo("0");
    }
}
