package org.tbg.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One process of a test server (redis-server, postgres, nats-server), its output appended to a log
 * file that outlives it, so a failure message can quote the server's own last words.
 *
 * <p>Not thread-safe: the server class that owns it serializes process control.
 */
final class ServerProcess {
    /** Lines of the log quoted in failure messages. */
    private static final int TAIL_LINES = 30;
    /** How long a SIGKILLed process and its children get to disappear. */
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    /** Answers whether the server serves clients yet; an IOException counts as "not yet". */
    @FunctionalInterface
    interface ReadinessProbe {
        boolean isReady() throws IOException;
    }

    private final String name;
    private final Process process;
    private final Path logFile;

    private ServerProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} in {@code workDir}, stdout and stderr appended to {@code logFile}. */
    static ServerProcess start(String name, List<String> command, Path workDir, Path logFile) {
        try {
            appendBanner(logFile, "starting " + String.join(" ", command));
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            return new ServerProcess(name, process, logFile);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /**
     * Runs a one-shot command of the server (initdb and the like) to completion, feeding it
     * {@code input}; output goes to the log.
     *
     * @throws IllegalStateException when it fails or overruns {@code timeout}, with the log's tail
     */
    static void run(String name, List<String> command, Path workDir, Path logFile, String input, Duration timeout) {
        ServerProcess run = start(name, command, workDir, logFile);
        try (OutputStream stdin = run.process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // it exited before reading its input; the exit code below says why
        }
        try {
            if (!run.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                run.kill();
                throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s" + run.logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.kill();
            throw new IllegalStateException("interrupted while running " + name, e);
        }
        if (run.process.exitValue() != 0) {
            throw new IllegalStateException(name + " failed with exit code " + run.process.exitValue() + run.logTail());
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Polls {@code probe} until it answers true.
     *
     * @throws IllegalStateException when the process exits or the timeout passes first (the process
     *     is then killed), with the log's tail
     */
    void awaitReady(Duration timeout, ReadinessProbe probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "none";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before serving" + logTail());
            }
            try {
                if (probe.isReady()) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        kill();
        throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s (last probe error: " + last + ")"
                + logTail());
    }

    /**
     * Sends {@code signal} (a name such as INT or TERM) and waits up to {@code grace} for the
     * process to exit; SIGKILL after that.
     */
    void stop(String signal, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        signal(signal);
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                note(name + " ignored SIG" + signal + " for " + grace.toSeconds() + " s: killing it");
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL to the process and every descendant (postgres backends), as a crash would; waits for them. */
    void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + KILL_TIMEOUT.toNanos();
        try {
            if (!process.waitFor(KILL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + " pid " + process.pid() + " survived SIGKILL for " + KILL_TIMEOUT.toSeconds() + " s");
            }
            for (ProcessHandle child : children) {
                while (!isGone(child) && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Exited, zombie included: orphaned children wait for init to reap them (which can take a
     * second or two here), but a zombie no longer holds ports or shared memory.
     */
    private static boolean isGone(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"), StandardCharsets.US_ASCII);
            // "pid (comm) S ...": the state follows the command name, which may itself hold spaces or parens.
            int end = stat.lastIndexOf(')');
            return end > 0 && end + 2 < stat.length() && stat.charAt(end + 2) == 'Z';
        } catch (IOException e) {
            return true; // no /proc entry: gone
        }
    }

    /** The last lines of the log, as a suffix for failure messages. */
    String logTail() {
        return tail(logFile);
    }

    /** The last lines of {@code logFile}, as a suffix for failure messages. */
    static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
            return "; output in " + logFile + ", ending:" + System.lineSeparator() + String.join(System.lineSeparator(), tail);
        } catch (IOException e) {
            return "; output in " + logFile + " (unreadable: " + e.getMessage() + ")";
        }
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + process.pid() + " (" + name + ") failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + name, e);
        }
    }

    /** A line of our own in the server's log, so a reader sees what the test did to it. */
    void note(String text) {
        try {
            appendBanner(logFile, text);
        } catch (IOException e) {
            // the log is for humans; losing a line of it must not fail the test
        }
    }

    private static void appendBanner(Path logFile, String text) throws IOException {
        Files.createDirectories(logFile.getParent());
        Files.writeString(logFile, "=== " + Instant.now() + " " + text + System.lineSeparator(), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
