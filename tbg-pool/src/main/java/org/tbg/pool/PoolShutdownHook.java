package org.tbg.pool;

import java.time.Duration;

/**
 * A step of {@link Pool#close()} that belongs to the application: it runs once every miner
 * connection has ended (their disconnect events reported) and every found block has its verdict
 * (its {@code block_found} event reported), before the node connections close. The place to flush
 * the event queue and the journal. Hooks run in the order they were added, on the closing thread.
 */
@FunctionalInterface
public interface PoolShutdownHook {
    /**
     * @param timeLeft what remains of the pool's shutdown budget ({@link Pool#SHUTDOWN_BUDGET});
     *                 a hook should return within it
     */
    void afterMinersDisconnected(Duration timeLeft) throws Exception;
}
