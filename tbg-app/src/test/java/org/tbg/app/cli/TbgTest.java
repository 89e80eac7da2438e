package org.tbg.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.tbg.app.Tbg;
import picocli.CommandLine;

class TbgTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void versionNamesTheProgramAndTheJava() {
        int code = tbg("--version");

        assertThat(code).isZero();
        assertThat(out.toString()).startsWith("tbg ").contains("Java " + Runtime.version());
    }

    @Test
    void helpListsTheCommands() {
        int code = tbg("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("pool", "miner", "help");
    }

    @Test
    void noCommandIsAUsageError() {
        int code = tbg();

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command");
    }

    @Test
    void unknownCommandIsAUsageError() {
        int code = tbg("fly");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unmatched argument", "fly");
    }

    private int tbg(String... args) {
        CommandLine cli = Tbg.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
