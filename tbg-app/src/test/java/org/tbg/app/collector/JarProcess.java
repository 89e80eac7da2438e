package org.tbg.app.collector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The packaged {@code tbg.jar} run as its own process, its output collected line by line. */
final class JarProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private JarProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "jar-output");
        reader.setDaemon(true);
        reader.start();
    }

    static JarProcess start(Path workDir, String... args) throws IOException {
        Path jar = Path.of("target", "tbg.jar").toAbsolutePath();
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException("no " + jar + ": mvn package runs before the integration tests");
        }
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx256m", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return new JarProcess(new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start());
    }

    String awaitLine(Predicate<String> p, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (String l : lines) {
                if (p.test(l)) {
                    return l;
                }
            }
            if (!process.isAlive() && reader.getState() == Thread.State.TERMINATED) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no matching line within " + seconds + " s; output:\n" + output());
    }

    int awaitExit(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + seconds + " s; output:\n" + output());
        }
        reader.join(2_000);
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook, no last ack. */
    void killHard() throws InterruptedException, IOException {
        new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start().waitFor();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void terminate() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
    }

    List<String> lines() {
        return lines;
    }

    String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
