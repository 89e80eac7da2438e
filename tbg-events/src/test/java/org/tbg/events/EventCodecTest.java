package org.tbg.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.tbg.events.MalformedEventException.Reason;

class EventCodecTest {
    /** The example envelope of spec/events.md, with the elided address filled in. */
    private static final String SPEC_EXAMPLE = "{\"event_id\":\"0190f5c2-7b1a-7c3e-9a51-3f0c2d9e8b17\","
            + "\"event\":\"share_submitted\",\"ts\":1708617600.123456,\"seq\":48213,\"source\":\"hosted\","
            + "\"region\":\"eu\",\"pool_instance\":\"eu-1\",\"data\":{\"user\":\"bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq\","
            + "\"worker\":\"bitaxe-01\",\"client_id\":42,\"job_id\":\"66f1a2b300000007\",\"diff\":2.5,\"sdiff\":1.0,"
            + "\"accepted\":true,\"reject_reason\":null,\"ip\":\"203.0.113.7\",\"is_block\":false}}";

    @Test
    void decodesTheSpecExample() throws Exception {
        Event e = EventCodec.decode(SPEC_EXAMPLE);
        assertThat(e.eventId()).isEqualTo(UUID.fromString("0190f5c2-7b1a-7c3e-9a51-3f0c2d9e8b17"));
        assertThat(e.type()).isEqualTo(EventType.SHARE_SUBMITTED);
        assertThat(e.tsMicros()).isEqualTo(1_708_617_600_123_456L);
        assertThat(e.seq()).isEqualTo(48213);
        assertThat(e.region()).isEqualTo("eu");
        assertThat(e.poolInstance()).isEqualTo("eu-1");
        assertThat(e.text("worker")).isEqualTo("bitaxe-01");
        assertThat(e.integer("client_id", -1)).isEqualTo(42);
        assertThat(e.number("diff")).isEqualTo(2.5);
        assertThat(e.flag("accepted")).isTrue();
        assertThat(e.data()).containsEntry("reject_reason", null);
    }

    @Test
    void encodeThenDecodeKeepsEverything() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", "bc1q\"quoted\"");
        data.put("worker", "w\u0000\u200b😀\n");
        data.put("height", 840_000);
        data.put("hash", "00ab");
        data.put("diff", 1.5e12);
        data.put("network_diff", 8.3e13);
        data.put("reward_sats", 312_500_000L);
        data.put("coinbase_sig", "/tbg/");
        data.put("submit_result", "accepted");
        data.put("submit_ms", 12.5);
        Event e = new EventFactory(EventIdentity.hosted("eu", "eu-1")).create(EventType.BLOCK_FOUND, data);
        String json = EventCodec.encodeToString(e);
        assertThat(json).doesNotContain("\n").startsWith("{\"event_id\":\"" + e.eventId() + "\",\"event\":\"block_found\"");
        Event back = EventCodec.decode(json);
        assertThat(back.eventId()).isEqualTo(e.eventId());
        assertThat(back.tsMicros()).isEqualTo(e.tsMicros());
        assertThat(back.seq()).isEqualTo(1);
        assertThat(back.text("worker")).isEqualTo("w\u0000\u200b😀\n");
        assertThat(back.text("user")).isEqualTo("bc1q\"quoted\"");
        assertThat(back.integer("reward_sats", 0)).isEqualTo(312_500_000L);
        assertThat(back.number("diff")).isEqualTo(1.5e12);
    }

    @Test
    void writesSecondsWithSixDecimals() {
        assertThat(EventCodec.seconds(1_708_617_600_000_001L)).isEqualTo("1708617600.000001");
        assertThat(EventCodec.seconds(1_708_617_600_123_456L)).isEqualTo("1708617600.123456");
    }

    @Test
    void refusesEachKindOfMalformedEvent() {
        assertReason("{\"event\":", Reason.BAD_JSON);
        assertReason("[1,2]", Reason.BAD_JSON);
        assertReason("{".repeat(1000), Reason.BAD_JSON);
        assertReason(SPEC_EXAMPLE.replace("share_submitted", "share_exploded"), Reason.UNKNOWN_TYPE);
        assertReason(SPEC_EXAMPLE.replace("\"ip\":\"203.0.113.7\",", ""), Reason.MISSING_FIELD);
        assertReason(SPEC_EXAMPLE.replace("\"seq\":48213,", ""), Reason.MISSING_FIELD);
        assertReason(SPEC_EXAMPLE.replace("\"client_id\":42", "\"client_id\":\"42\""), Reason.WRONG_TYPE);
        assertReason(SPEC_EXAMPLE.replace("\"accepted\":true", "\"accepted\":1"), Reason.WRONG_TYPE);
        assertReason(SPEC_EXAMPLE.replace("0190f5c2-7b1a-7c3e-9a51-3f0c2d9e8b17", "not-a-uuid"), Reason.WRONG_TYPE);
        assertReason(SPEC_EXAMPLE.replace("1708617600.123456", "\"yesterday\""), Reason.WRONG_TYPE);
        assertReason(SPEC_EXAMPLE.replace("bitaxe-01", "x".repeat(EventCodec.MAX_EVENT_BYTES)), Reason.OVERSIZED);
    }

    private static void assertReason(String json, Reason reason) {
        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOfSatisfying(MalformedEventException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
