package org.tbg.pool.it;

import java.time.Duration;
import org.tbg.stratum.miner.CpuMiner;
import org.tbg.stratum.miner.MinerOptions;
import org.tbg.stratum.miner.MinerStats;

/**
 * The CPU miner on its own thread for the length of a test (one hashing thread, version rolling
 * on, as {@link PoolHarness#mine} runs it), stopped by {@link #close()}.
 */
final class BackgroundMiner implements AutoCloseable {
    /** A safety bound: the miner stops by itself after this even if a test forgets it. */
    static final Duration MAX_RUN = Duration.ofMinutes(5);

    private final CpuMiner miner;
    private final Thread thread;

    private BackgroundMiner(CpuMiner miner) {
        this.miner = miner;
        this.thread = new Thread(miner::run, "it-background-miner");
        this.thread.setDaemon(true);
    }

    /** Starts mining at {@code port} on loopback; {@code password} may carry {@code d=<difficulty>}. */
    static BackgroundMiner start(int port, String username, String password) {
        BackgroundMiner m = new BackgroundMiner(new CpuMiner(
                new MinerOptions("127.0.0.1", port, username, password, 1, true, MAX_RUN, 0)));
        m.thread.start();
        return m;
    }

    MinerStats stats() {
        return miner.stats();
    }

    /** False once the miner gave up (refused, unreachable) or was stopped. */
    boolean running() {
        return thread.isAlive();
    }

    /** Stops the miner and waits (bounded) for its thread to end. */
    @Override
    public void close() {
        miner.stop();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
