package org.tbg.collector.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalReplayTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryLineOfEveryJournalOfADirectoryOldestFirstInBatches() throws Exception {
        Files.write(dir.resolve("events-20261123-17.jsonl"), List.of("c", "", "d", "e"), StandardCharsets.UTF_8);
        Files.write(dir.resolve("events-20261123-16.jsonl"), List.of("a", "b"), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.txt"), "not a journal");

        List<String> lines = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        try (JournalReplay replay = JournalReplay.of(List.of(dir))) {
            assertThat(replay.files()).extracting(p -> p.getFileName().toString())
                    .containsExactly("events-20261123-16.jsonl", "events-20261123-17.jsonl");
            for (SourceBatch b; (b = replay.fetch(2, Duration.ZERO)) != null; ) {
                assertThat(b.messages()).hasSizeLessThanOrEqualTo(2);
                for (int i = 0; i < b.messages().size(); i++) {
                    lines.add(new String(b.messages().get(i), StandardCharsets.UTF_8));
                    origins.add(b.origin(i));
                }
            }
        }
        assertThat(lines).containsExactly("a", "b", "c", "d", "e");
        assertThat(origins).containsExactly("events-20261123-16.jsonl:1", "events-20261123-16.jsonl:2",
                "events-20261123-17.jsonl:1", "events-20261123-17.jsonl:3", "events-20261123-17.jsonl:4");
    }

    @Test
    void aLineTornInsideAMultiByteCharacterIsHandedOnAndTheRestIsRead() throws Exception {
        byte[] torn = "{\"worker\":\"😀".getBytes(StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(torn, torn.length - 2); // a crash in the middle of the emoji
        Path file = dir.resolve("events-20261123-18.jsonl");
        Files.write(file, cut);
        Files.write(file, "\r\nnext\r\n  \nlast".getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);

        List<byte[]> lines = new ArrayList<>();
        try (JournalReplay replay = JournalReplay.of(List.of(file))) {
            for (SourceBatch b; (b = replay.fetch(100, Duration.ZERO)) != null; ) {
                lines.addAll(b.messages());
            }
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(cut);
        assertThat(new String(lines.get(1), StandardCharsets.UTF_8)).isEqualTo("next");
        assertThat(new String(lines.get(2), StandardCharsets.UTF_8)).isEqualTo("last");
    }

    @Test
    void aMissingPathIsRefusedBeforeAnythingIsRead() {
        assertThatThrownBy(() -> JournalReplay.of(List.of(dir.resolve("gone.jsonl"))))
                .isInstanceOf(NoSuchFileException.class);
    }
}
