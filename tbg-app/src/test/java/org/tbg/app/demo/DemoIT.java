package org.tbg.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tbg.app.events.JournalEvents;
import org.tbg.events.Event;
import org.tbg.events.EventType;

/**
 * The README's first command, as a user runs it: the packaged {@code tbg.jar demo} as its own
 * process, headless. It must find a block, serve a smoke load test with no connection error, and
 * stop within 10 s of Ctrl-C (SIGINT).
 */
class DemoIT {
    private static final Pattern PORT = Pattern.compile("demo pool on stratum\\+tcp://[^:]+:(\\d+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void findsABlockServesASmokeLoadTestAndStopsOnSigint(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "tbg.jar").toAbsolutePath();
        assertThat(jar).as("the packaged jar (mvn package runs before the integration tests)").exists();
        Process demo = java(dir, jar, "demo", "--port", "0", "--metrics-port", "0", "--block-time", "3",
                "--log-dir", dir.resolve("logs").toString());
        List<String> lines = new CopyOnWriteArrayList<>();
        long[] loadSubmitted = {0};
        Thread reader = drain(demo, lines);
        try {
            String portLine = awaitLine(lines, l -> PORT.matcher(l).find(), 60);
            Matcher m = PORT.matcher(portLine);
            assertThat(m.find()).isTrue();
            int port = Integer.parseInt(m.group(1));

            awaitLine(lines, l -> l.contains("BLOCK ACCEPTED"), 120);

            Path report = dir.resolve("smoke.json");
            Process load = java(dir, jar, "loadtest", "--profile", "smoke", "--port", String.valueOf(port),
                    "--json", report.toString());
            List<String> loadOut = new CopyOnWriteArrayList<>();
            drain(load, loadOut);
            assertThat(load.waitFor(90, TimeUnit.SECONDS)).as("loadtest finished").isTrue();
            assertThat(load.exitValue()).as("loadtest exit code; output:%n%s", String.join("\n", loadOut)).isZero();
            JsonNode r = JSON.readTree(Files.readString(report));
            for (String field : List.of("profile", "miners", "duration_s", "connects_ok", "connects_failed",
                    "peak_concurrent", "submitted", "accepted", "rejected", "stale", "rejects_by_reason",
                    "shares_per_s", "latency_ms", "errors")) {
                assertThat(r.has(field)).as("report field %s", field).isTrue();
            }
            assertThat(r.get("profile").asText()).isEqualTo("smoke");
            assertThat(r.get("connects_ok").asInt()).isEqualTo(10);
            assertThat(r.get("connects_failed").asInt()).isZero();
            assertThat(r.get("submitted").asLong()).isPositive();
            loadSubmitted[0] = r.get("submitted").asLong();
            assertThat(r.get("accepted").asLong() + r.get("rejected").asLong()).isEqualTo(r.get("submitted").asLong());
            for (String p : List.of("min", "p50", "p95", "p99", "max")) {
                assertThat(r.get("latency_ms").get(p).isNumber()).as("latency %s", p).isTrue();
            }

            long pid = demo.pid();
            new ProcessBuilder("kill", "-INT", String.valueOf(pid)).start().waitFor();
            long t0 = System.nanoTime();
            assertThat(demo.waitFor(10, TimeUnit.SECONDS)).as("demo exits within 10 s of SIGINT").isTrue();
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
            reader.join(2000);
            assertThat(lines).anyMatch(l -> l.contains("demo stopped"));
            // 130 = terminated by SIGINT after the shutdown hooks ran (the JVM's convention for Ctrl-C)
            assertThat(demo.exitValue()).isIn(0, 130);

            // the demo journals its events like a pool: every line decodes, blocks and shares are there
            List<Event> journal = JournalEvents.read(dir.resolve("logs").resolve("events"));
            assertThat(journal).extracting(Event::type).contains(EventType.BLOCK_FOUND, EventType.MINER_CONNECTED,
                    EventType.MINER_DISCONNECTED, EventType.NEW_BLOCK_NETWORK);
            assertThat(journal.stream().filter(e -> e.type() == EventType.SHARE_SUBMITTED).count())
                    .as("share events cover at least the load test's submits").isGreaterThanOrEqualTo(loadSubmitted[0]);
        } finally {
            demo.destroyForcibly();
        }
    }

    private static Process java(Path dir, Path jar, String... args) throws IOException {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(javaBin, "-Xmx512m", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    }

    private static Thread drain(Process p, List<String> into) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    into.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "demo-output");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static String awaitLine(List<String> lines, java.util.function.Predicate<String> p, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String l : lines) {
                if (p.test(l)) {
                    return l;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no matching line within " + seconds + " s; output:\n" + String.join("\n", lines));
    }
}
