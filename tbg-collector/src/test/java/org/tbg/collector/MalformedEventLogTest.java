package org.tbg.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MalformedEventLogTest {

    @Test
    void escapesWhatCouldForgeALogLine() {
        byte[] raw = "{\"a\":\"x\ny\r\t\\\u0000\u001b[31m\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(MalformedEventLog.preview(raw)).isEqualTo("{\\\"a\\\":\\\"x\\ny\\r\\t\\\\\\u0000\\u001b[31m\\\"}");
    }

    @Test
    void showsTwoHundredCharactersOfALongInputAndMarksTheCut() {
        byte[] raw = "é".repeat(100_000).getBytes(StandardCharsets.UTF_8);
        String preview = MalformedEventLog.preview(raw);
        assertThat(preview).isEqualTo("é".repeat(200) + "...");
    }

    @Test
    void invalidUtf8BecomesReplacementCharacters() {
        byte[] raw = {'o', 'k', (byte) 0xff, (byte) 0xc3};
        assertThat(MalformedEventLog.preview(raw)).isEqualTo("ok\uFFFD\uFFFD");
    }
}
