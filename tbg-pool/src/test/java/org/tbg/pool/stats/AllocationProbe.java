package org.tbg.pool.stats;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/** Bytes allocated by the current thread, from HotSpot's per-thread allocation counter. */
final class AllocationProbe {
    private final com.sun.management.ThreadMXBean threads;
    private final long threadId;

    private AllocationProbe(com.sun.management.ThreadMXBean threads) {
        this.threads = threads;
        this.threadId = Thread.currentThread().getId();
    }

    /** Skips the calling test on a JVM without the counter. */
    static AllocationProbe forCurrentThread() {
        boolean supported = ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported();
        assumeTrue(supported, "per-thread allocation counting not available on this JVM");
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        t.setThreadAllocatedMemoryEnabled(true);
        return new AllocationProbe(t);
    }

    long allocatedBytes() {
        return threads.getThreadAllocatedBytes(threadId);
    }
}
