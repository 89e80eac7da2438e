package org.tbg.pool.it;

import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.tbg.pool.Pool;
import org.tbg.pool.PoolSettings;
import org.tbg.pool.PoolStats;
import org.tbg.pool.event.PoolEventListener;
import org.tbg.stratum.miner.CpuMiner;
import org.tbg.stratum.miner.MinerOptions;
import org.tbg.stratum.miner.MinerStats;
import org.tbg.testkit.TestNode;

/** A pool started on loopback against given nodes, plus helpers to mine through it. */
public final class PoolHarness implements AutoCloseable {
    private final Pool pool;
    private final Path logDir;

    private PoolHarness(Pool pool, Path logDir) {
        this.pool = pool;
        this.logDir = logDir;
    }

    public static PoolHarness start(TestNode node) throws Exception {
        Path dir = Files.createTempDirectory("tbg-it-pool");
        return start(new TestSettings(List.of(node.endpoint()), dir));
    }

    public static PoolHarness start(TestSettings s) throws Exception {
        return start(s, PoolEventListener.NONE);
    }

    /** A pool that reports its events to {@code events}. */
    public static PoolHarness start(TestSettings s, PoolEventListener events) throws Exception {
        PoolSettings settings = s.build();
        Pool pool = new Pool(settings);
        pool.eventListener(events);
        try {
            pool.start();
        } catch (Exception e) {
            pool.close();
            throw e;
        }
        return new PoolHarness(pool, settings.logDir());
    }

    public Pool pool() {
        return pool;
    }

    public Path logDir() {
        return logDir;
    }

    public int port() {
        InetSocketAddress a = pool.boundAddresses().get(0);
        return a.getPort();
    }

    /**
     * Mines through the pool as {@code username} until {@code blocks} blocks were accepted or the time
     * is up, then waits until the pool has a verdict on every block it is submitting (the miner hears
     * "accepted" for its share before the node has the block).
     */
    public MinerStats mine(String username, int blocks, Duration limit) {
        CpuMiner miner = new CpuMiner(new MinerOptions("127.0.0.1", port(), username, "x", 1, true, limit, blocks));
        MinerStats stats = miner.run();
        PoolStats s = pool.stats();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> s.blocksAccepted() + s.blocksRejected() >= s.blocksFound());
        return stats;
    }

    @Override
    public void close() {
        pool.close();
    }
}
