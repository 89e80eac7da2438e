package org.tbg.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time the benchmark JVM spends per operation, on all its threads (the benchmark's, GC, JIT),
 * and how many CPUs it kept busy. On a shared machine wall-clock scores mix the code's cost with
 * the time other processes took the CPU away: {@code cpu.cores} well below the thread count says a
 * run was crowded out, and {@code cpu.time.norm} (10^9 / it = operations per CPU-second) is free of
 * that part, though not of other work's effect on shared caches and memory.
 *
 * <p>Use: {@code -prof org.tbg.bench.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final OperatingSystemMXBean os =
            ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark JVM (all threads) per operation";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
        wallStart = System.nanoTime();
        cpuStart = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmark, IterationParams iteration,
                                                       IterationResult result) {
        long cpu = os.getProcessCpuTime() - cpuStart;
        long wall = System.nanoTime() - wallStart;
        long ops = result.getMetadata().getAllOps();
        if (cpu < 0 || wall <= 0 || ops <= 0) {
            return List.of(); // the platform gives no process CPU time
        }
        return List.of(
                new ScalarResult("cpu.time.norm", (double) cpu / ops, "ns/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.cores", (double) cpu / wall, "cores", AggregationPolicy.AVG));
    }
}
