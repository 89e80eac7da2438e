package org.tbg.events.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.events.EventCodec;
import org.tbg.events.MalformedEventException;

class JournalReaderTest {

    @Test
    void returnsEveryNonBlankLineAsWrittenEvenWhenACrashTornIt(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("{\"a\":1}\n\n   \n{\"b\":2}\r\n".getBytes(StandardCharsets.UTF_8));
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        file.writeBytes(new byte[] {'{', '"', euro[0], euro[1]}); // cut inside a 3-byte character, no newline
        Path journal = dir.resolve("events-20261123-10.jsonl");
        Files.write(journal, file.toByteArray());

        List<String> lines = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journal)) {
            for (byte[] line; (line = reader.next()) != null; ) {
                lines.add(new String(line, StandardCharsets.ISO_8859_1));
                numbers.add(reader.lineNumber());
            }
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo("{\"a\":1}");
        assertThat(lines.get(1)).isEqualTo("{\"b\":2}"); // the CR of a CRLF line end is not part of the line
        assertThat(lines.get(2).getBytes(StandardCharsets.ISO_8859_1)).containsExactly('{', '"', euro[0], euro[1]);
        assertThat(numbers).containsExactly(1L, 4L, 5L);
    }

    @Test
    void cutsAnOverlongLineSoTheDecoderRefusesItAsOversized(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("events-20261123-11.jsonl");
        Files.writeString(journal, "x".repeat(EventCodec.MAX_EVENT_BYTES * 3) + "\n{\"next\":true}\n");
        try (JournalReader reader = JournalReader.open(journal)) {
            byte[] first = reader.next();
            assertThat(first).hasSize(EventCodec.MAX_EVENT_BYTES + 1);
            assertThatThrownBy(() -> EventCodec.decode(first)).isInstanceOfSatisfying(MalformedEventException.class,
                    e -> assertThat(e.reason()).isEqualTo(MalformedEventException.Reason.OVERSIZED));
            assertThat(new String(reader.next(), StandardCharsets.UTF_8)).isEqualTo("{\"next\":true}");
            assertThat(reader.next()).isNull();
        }
    }
}
