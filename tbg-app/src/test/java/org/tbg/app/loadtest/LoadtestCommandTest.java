package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.app.cli.LoadtestCommand;
import picocli.CommandLine;

class LoadtestCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    @Test
    void helpStatesTheProfilesAndTheSafetyRule() {
        int code = loadtest("--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("smoke", "standard", "stress", "soak", "--allow-host", "loopback",
                "--valid-shares", "--histogram", "--json", "Exit status");
    }

    @Test
    void aHostThatIsNotLoopbackIsRefusedBeforeAnyConnection() {
        int code = loadtest("--host", "10.1.2.3", "--port", "3333");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("refusing to load 10.1.2.3", "--allow-host");
    }

    @Test
    void badValuesAreUsageErrors() {
        assertThat(loadtest("--profile", "huge")).isEqualTo(2);
        assertThat(loadtest("--rate", "0")).isEqualTo(2);
        assertThat(loadtest("--ramp", "40", "--duration", "30")).isEqualTo(2);
        assertThat(loadtest("--histogram", "latency.svg")).isEqualTo(2);
        assertThat(loadtest("--allow-host", "10.0.0.0/40")).isEqualTo(2);
        assertThat(loadtest("--source-addresses", "127.0.0.9-127.0.0.2")).isEqualTo(2);
        assertThat(loadtest("--warmup", "30", "--duration", "30")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Invalid value for option '--profile': 'huge' (smoke, standard, stress or soak)")
                .contains("Invalid option: rate")
                .contains("Invalid option: ramp")
                .contains("Invalid value for option '--histogram'")
                .contains("Invalid value for option '--allow-host'")
                .contains("Invalid value for option '--source-addresses': range runs backwards")
                .contains("Invalid option: warmup");
    }

    @Test
    void aRunPrintsTheTableAndWritesTheJsonAndTheHistogram() throws Exception {
        try (FakePool pool = FakePool.start()) {
            Path json = dir.resolve("report.json");
            Path png = dir.resolve("latency.png");

            int code = loadtest("--profile", "smoke", "--miners", "3", "--rate", "300", "--duration", "1.5", "--ramp", "0.2",
                    "--port", String.valueOf(pool.port()), "--json", json.toString(), "--histogram", png.toString());

            assertThat(code).as(err.toString()).isZero();
            assertThat(out.toString()).contains("connections", "latency ms", "result       OK");
            JsonNode report = new ObjectMapper().readTree(Files.readString(json));
            assertThat(report.get("profile").asText()).as("a changed profile").isEqualTo(LoadProfile.CUSTOM);
            assertThat(report.get("miners").asInt()).isEqualTo(3);
            assertThat(report.get("connects_ok").asLong()).isEqualTo(3);
            assertThat(report.get("submitted").asLong()).isEqualTo(pool.submits.sum()).isPositive();
            assertThat(report.get("accepted").asLong()).isEqualTo(pool.accepted.sum());
            assertThat(ImageIO.read(png.toFile())).isNotNull();
        }
    }

    @Test
    void connectionFailuresMakeTheExitCodeOneAndSayWhy() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        int code = loadtest("--miners", "2", "--duration", "1", "--ramp", "0", "--port", String.valueOf(port));

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).contains("connect_refused 2");
        assertThat(err.toString()).contains("tbg loadtest: failed: 2 of 2 connection attempts failed");
    }

    private int loadtest(String... args) {
        CommandLine cli = new CommandLine(new LoadtestCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
