package org.tbg.collector.it;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * CPU time used by processes, for benchmarks on a shared machine: wall-clock rates fall when other
 * processes take the CPUs, CPU time per unit of work much less so.
 */
final class ProcessCpu {
    /** Linux USER_HZ: /proc reports utime and stime in these ticks. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** CPU time of this JVM, all threads. */
    static long jvmNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * CPU time of a process, its live descendants and the children it has reaped (a postmaster, its
     * backends, and the autovacuum workers that came and went meanwhile).
     */
    static long treeNanos(long pid) {
        long ticks = ticks(pid) + reapedChildrenTicks(pid);
        try (Stream<ProcessHandle> children = ProcessHandle.of(pid).map(ProcessHandle::descendants).orElse(Stream.empty())) {
            ticks += children.mapToLong(p -> ticks(p.pid())).sum();
        }
        return ticks * (1_000_000_000L / TICKS_PER_SECOND);
    }

    /** The process whose command line is {@code program … -p PORT …}, e.g. the postmaster of a test server. */
    static Optional<Long> find(String program, int port) {
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(p -> p.info().command().map(c -> c.endsWith("/" + program)).orElse(false))
                    .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("-p " + port)).orElse(false))
                    .map(ProcessHandle::pid)
                    .findFirst();
        }
    }

    private static long reapedChildrenTicks(long pid) {
        try {
            String[] f = statFields(pid);
            return Long.parseLong(f[13]) + Long.parseLong(f[14]); // cutime, cstime (fields 16 and 17)
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String[] statFields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // fields after the command (which may hold spaces) start after the last ')'
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long ticks(long pid) {
        try {
            String[] f = statFields(pid);
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14 and 15)
        } catch (IOException | RuntimeException e) {
            return 0; // the process ended meanwhile
        }
    }
}
