package org.tbg.pool.it;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.tbg.bitcoin.rpc.NodeEndpoint;
import org.tbg.pool.PoolSettings;
import org.tbg.pool.difficulty.VardiffSettings;
import org.tbg.pool.limits.LimitSettings;

/** Pool settings for tests: loopback, an ephemeral port, fast polling; fields are set directly. */
public final class TestSettings {
    public List<NodeEndpoint> nodes;
    public InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 0);
    public String poolAddress = TestAddresses.POOL_ADDRESS;
    public String poolSignature = "/tbg-it/";
    public Duration blockPoll = Duration.ofMillis(100);
    public String zmqBlock;
    public Duration updateInterval = Duration.ofSeconds(30);
    public double minDiff = 0.00001;
    public double startDiff = 0.0001;
    public double maxDiff = 0;
    public int nonce1Length = 4;
    public int nonce2Length = 8;
    public int versionMask = 0x1fffe000;
    public int maxClients = 1000;
    public double donationPercent = 0;
    public Path logDir;
    /** The production defaults: engine tests run under the limits a real pool has. */
    public LimitSettings limits = LimitSettings.DEFAULTS;
    public Duration rpcTimeout = Duration.ofSeconds(3);
    public VardiffSettings vardiff = VardiffSettings.DEFAULTS;

    public TestSettings(List<NodeEndpoint> nodes, Path logDir) {
        this.nodes = nodes;
        this.logDir = logDir;
    }

    public PoolSettings build() {
        return new PoolSettings(nodes, poolAddress, poolSignature, blockPoll, zmqBlock, updateInterval,
                List.of(listen), minDiff, startDiff, maxDiff, nonce1Length, nonce2Length,
                versionMask, maxClients, donationPercent, logDir, "it-1", "test", limits, rpcTimeout, vardiff);
    }
}
