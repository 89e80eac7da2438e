package org.tbg.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;

class StorableTextTest {

    @Test
    void keepsOrdinaryTextIncludingSupplementaryCharacters() {
        String s = "rig-01 ✓ 😀 \t\n\\";
        assertThat(StorableText.isClean(s)).isTrue();
        assertThat(StorableText.clean(s)).isSameAs(s);
    }

    @Test
    void replacesNulAndLoneSurrogates() {
        assertThat(StorableText.clean("a\u0000b")).isEqualTo("a\uFFFDb");
        assertThat(StorableText.clean("x\ud800y")).isEqualTo("x\uFFFDy");
        assertThat(StorableText.clean("x\udc00")).isEqualTo("x\uFFFD");
        assertThat(StorableText.clean("\ud83d")).isEqualTo("\uFFFD");
        assertThat(StorableText.clean("ok\ud83d\ude00\u0000")).isEqualTo("ok😀\uFFFD");
    }

    @Test
    void cleansEveryStringOfAnEventAndLeavesCleanEventsAlone() throws Exception {
        // JSON escapes as a miner could send them: both decode fine, neither can be stored as is
        String json = TestEvents.json(TestEvents.share("bc1qx", "WORKER", true)).replace("WORKER", "w\\u0000\\ud800");
        Event decoded = EventCodec.decode(json);
        assertThat(decoded.text("worker")).isEqualTo("w\u0000\ud800");

        Event clean = StorableText.clean(decoded);

        assertThat(clean.text("worker")).isEqualTo("w\uFFFD\uFFFD");
        assertThat(clean.eventId()).isEqualTo(decoded.eventId());
        assertThat(clean.tsMicros()).isEqualTo(decoded.tsMicros());
        assertThat(clean.data().keySet()).containsExactlyElementsOf(decoded.data().keySet());
        assertThat(StorableText.clean(clean)).isSameAs(clean);
    }

    @Test
    void cleansKeysOfData() {
        Map<String, Object> data = new LinkedHashMap<>(TestEvents.factory().create(
                org.tbg.events.EventType.ASICBOOST_DETECTED,
                TestEvents.data("user", "u", "worker", "w", "pool_mask", "1fffe000", "miner_mask", "00ff0000")).data());
        data.put("extra\u0000", 1L);
        Event e = TestEvents.factory().create(org.tbg.events.EventType.ASICBOOST_DETECTED, data);
        assertThat(StorableText.clean(e).data()).containsKey("extra\uFFFD").doesNotContainKey("extra\u0000");
    }
}
