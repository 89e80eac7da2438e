package org.tbg.app.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tbg pool} from the packaged jar as its own process, as an operator runs it: its output is
 * collected line by line, its HTTP port read, and it is stopped with SIGTERM.
 */
final class PoolProcess implements AutoCloseable {
    private static final Pattern CLOSED = Pattern.compile(
            "pool closed: (\\d+) shares accepted, (\\d+) rejected, (\\d+) blocks found \\((\\d+) accepted by a node\\)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The counts of a pool's last line. */
    record FinalCounts(long sharesAccepted, long sharesRejected, long blocksFound, long blocksAccepted) {
    }

    private final Process process;
    private final int metricsPort;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private PoolProcess(Process process, int metricsPort) {
        this.process = process;
        this.metricsPort = metricsPort;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "pool-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static PoolProcess start(Path jar, Path config, int metricsPort, Path logDir) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-jar", jar.toString(), "pool", "-c", config.toString(),
                "--metrics-port", String.valueOf(metricsPort), "--log-dir", logDir.toString()));
        Process p = new ProcessBuilder(cmd).directory(logDir.getParent().toFile()).redirectErrorStream(true).start();
        return new PoolProcess(p, metricsPort);
    }

    /** Waits for an output line matching {@code wanted}. */
    String awaitLine(Predicate<String> wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            for (String l : lines) {
                if (wanted.test(l)) {
                    return l;
                }
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching line within " + within.toSeconds() + " s; output:\n" + output());
    }

    /** Waits until {@code /ready} answers 200; fails at once, with the output, if the process ends first. */
    void awaitReady(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready() == 200) {
                return;
            }
            if (!process.isAlive()) {
                reader.join(5_000);
                throw new AssertionError("the pool exited (" + process.exitValue() + ") before it was ready; output:\n"
                        + output());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not ready within " + within.toSeconds() + " s; output:\n" + output());
    }

    /** The status code of {@code GET /ready}, or -1 when the HTTP port does not answer. */
    int ready() {
        try {
            return HTTP.send(get("/ready"), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** {@code POST /drain}: the status code. */
    int drain() throws IOException, InterruptedException {
        HttpRequest post = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + "/drain"))
                .timeout(Duration.ofSeconds(2)).POST(HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The value of an unlabelled metric on {@code /metrics}, or NaN when absent or unreachable. */
    double metric(String name) {
        try {
            String body = HTTP.send(get("/metrics"), HttpResponse.BodyHandlers.ofString()).body();
            for (String line : body.split("\n")) {
                if (line.startsWith(name + " ")) {
                    return Double.parseDouble(line.substring(name.length() + 1).trim());
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Double.NaN;
    }

    /** Sends SIGTERM, as {@code kill PID} or an orchestrator's stop does. */
    void sigterm() {
        // SIGTERM through the handle: Process.destroy() would also close our end of its output
        process.toHandle().destroy();
    }

    /** Waits for the process to end; once it has, every line it wrote has been read too. */
    boolean awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        reader.join(5_000);
        return true;
    }

    int exitValue() {
        return process.exitValue();
    }

    /** The counts the pool logged as its last words ({@code pool closed: …}). */
    FinalCounts finalCounts() {
        for (String l : lines) {
            Matcher m = CLOSED.matcher(l);
            if (m.find()) {
                return new FinalCounts(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                        Long.parseLong(m.group(4)));
            }
        }
        throw new AssertionError("no 'pool closed' line; output:\n" + output());
    }

    String output() {
        return String.join("\n", lines);
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path)).timeout(Duration.ofSeconds(2)).build();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
