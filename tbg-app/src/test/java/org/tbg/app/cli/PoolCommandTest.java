package org.tbg.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.app.Tbg;
import picocli.CommandLine;

class PoolCommandTest {
    private static final String NODE = "\"btcd\": [{\"url\": \"127.0.0.1:1\", \"auth\": \"u\", \"pass\": \"p\"}]";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterEach
    void detachFileLog() {
        LogSetup.root().detachAppender("file");
    }

    @Test
    void badConfigValueExitsTwoWithOneLine() throws IOException {
        Path conf = write("{" + NODE + ", \"btcaddress\": \"x\", \"nonce1length\": 12}");

        int code = tbg("pool", "-c", conf.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(
                "config: nonce1length = 12 is not allowed (an integer from 2 to 8)" + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMetricsPortOutOfRangeExitsTwoBeforeReadingTheConfig() {
        int code = tbg("pool", "-c", dir.resolve("not-read.conf").toString(), "--metrics-port", "70000");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("--metrics-port 70000 is not allowed (an integer from 1 to 65535, or 0 for none)");
    }

    @Test
    void missingConfigFileExitsTwo() {
        Path missing = dir.resolve("nope.conf");

        int code = tbg("pool", "-c", missing.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("config: " + missing + " does not exist");
    }

    @Test
    void missingConfigOptionIsAUsageError() {
        int code = tbg("pool");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--config=FILE'");
    }

    @Test
    void unknownLogLevelIsAUsageError() throws IOException {
        Path conf = write("{" + NODE + ", \"btcaddress\": \"x\"}");

        int code = tbg("pool", "-c", conf.toString(), "-l", "loud");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("'loud' is not a log level");
    }

    @Test
    void stratumPortInUseExitsOneWithTheReason() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path conf = write("{" + NODE + ", \"btcaddress\": \"x\", \"serverurl\": [\"127.0.0.1:" + taken.getLocalPort()
                    + "\"], \"metrics_port\": 0}");

            int code = tbg("pool", "-c", conf.toString(), "--log-dir", dir.resolve("logs").toString());

            assertThat(code).isEqualTo(1);
            assertThat(err.toString()).startsWith("tbg pool: cannot start: ");
            assertThat(err.toString().strip()).doesNotContain("\n");
            assertThat(dir.resolve("logs").resolve("tbg.log")).exists();
        }
    }

    private int tbg(String... args) {
        CommandLine cli = Tbg.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private Path write(String text) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "pool", ".conf"), text);
    }
}
