package org.tbg.collector.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CopyRowsTest {

    private static String text(CopyRows rows) {
        return new String(rows.buffer(), 0, rows.length(), StandardCharsets.UTF_8);
    }

    @Test
    void writesTabSeparatedRowsWithNullsNumbersAndBooleans() {
        CopyRows rows = new CopyRows(8);
        UUID id = UUID.fromString("0190f5c2-7b1a-7c3e-9a51-3f0c2d9e8b17");
        rows.uuid(id).number(42L).number(2.5).bool(true).text(null).text("x").endRow();
        rows.bool(false).number(1e10).nullValue().endRow();
        assertThat(text(rows)).isEqualTo(id + "\t42\t2.5\tt\t\\N\tx\nf\t1.0E10\t\\N\n");
        assertThat(rows.rows()).isEqualTo(2);
    }

    @Test
    void numbersOfAnyJsonKindAsFloat8AndAnythingElseAsNull() {
        CopyRows rows = new CopyRows(8);
        rows.numberOrNull(7).numberOrNull(8L).numberOrNull(0.5).numberOrNull(null).numberOrNull("9").endRow();
        assertThat(text(rows)).isEqualTo("7.0\t8.0\t0.5\t\\N\t\\N\n");
    }

    @Test
    void escapesBackslashTabNewlineAndCarriageReturn() {
        CopyRows rows = new CopyRows(8);
        rows.text("a\\b\tc\nd\re").endRow();
        assertThat(text(rows)).isEqualTo("a\\\\b\\tc\\nd\\re\n");
    }

    @Test
    void encodesUtf8AndReplacesNulAndLoneSurrogates() {
        CopyRows rows = new CopyRows(4);
        rows.text("é✓😀\u0000\ud800|").endRow();
        assertThat(text(rows)).isEqualTo("é✓😀\uFFFD\uFFFD|\n");
    }

    @Test
    void growsAndStartsOverAfterClear() {
        CopyRows rows = new CopyRows(4);
        String big = "x".repeat(10_000);
        rows.text(big).endRow();
        assertThat(rows.length()).isEqualTo(10_001);
        rows.clear();
        rows.text("y").endRow();
        assertThat(text(rows)).isEqualTo("y\n");
        assertThat(rows.rows()).isEqualTo(1);
    }
}
