package org.tbg.pool;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.tbg.bitcoin.rpc.NodeEndpoint;
import org.tbg.pool.difficulty.VardiffSettings;
import org.tbg.pool.limits.LimitSettings;

/**
 * Everything the engine needs, already validated by the config loader (tbg-app).
 *
 * @param nodes            the {@code btcd} list in priority order
 * @param poolAddress      {@code btcaddress}: the pool's own address (donation output)
 * @param poolSignature    {@code btcsig}: text placed in every coinbase scriptSig
 * @param blockPoll        {@code blockpoll}: interval of {@code getbestblockhash} polls
 * @param zmqBlock         {@code zmqblock}: ZMQ endpoint for {@code hashblock}, or null
 * @param updateInterval   {@code update_interval}: template refresh period
 * @param listen           {@code serverurl}: stratum listen addresses
 * @param minDiff          {@code mindiff}
 * @param startDiff        {@code startdiff}
 * @param maxDiff          {@code maxdiff} (0 = no maximum)
 * @param nonce1Length     {@code nonce1length}: extranonce1 bytes (2–8)
 * @param nonce2Length     {@code nonce2length}: extranonce2 bytes (2–8)
 * @param versionMask      {@code version_mask}: BIP310 mask the pool allows
 * @param maxClients       {@code maxclients}
 * @param donationPercent  {@code donation}: percent of the reward paid to {@code poolAddress}
 * @param logDir           {@code logdir}: logs, block journal and persisted state
 * @param poolInstance     {@code pool_instance}
 * @param region           {@code tbg_region}
 * @param limits           {@code limits}: line length, authorization timeout, per-address limits, storms and bans
 * @param rpcTimeout       per-call JSON-RPC timeout
 * @param vardiff          {@code vardiff}: how each connection's difficulty follows its share rate
 */
public record PoolSettings(
        List<NodeEndpoint> nodes,
        String poolAddress,
        String poolSignature,
        Duration blockPoll,
        String zmqBlock,
        Duration updateInterval,
        List<InetSocketAddress> listen,
        double minDiff,
        double startDiff,
        double maxDiff,
        int nonce1Length,
        int nonce2Length,
        int versionMask,
        int maxClients,
        double donationPercent,
        Path logDir,
        String poolInstance,
        String region,
        LimitSettings limits,
        Duration rpcTimeout,
        VardiffSettings vardiff) {

    /**
     * Settings whose only limits are the line length and the authorization timeout: no per-address
     * limits, storm handling or bans ({@link LimitSettings#lineAndAuthOnly}). For pools that serve
     * one trusted load: the demo, load tests, engine tests.
     */
    public PoolSettings(List<NodeEndpoint> nodes, String poolAddress, String poolSignature, Duration blockPoll,
                        String zmqBlock, Duration updateInterval, List<InetSocketAddress> listen, double minDiff,
                        double startDiff, double maxDiff, int nonce1Length, int nonce2Length, int versionMask,
                        int maxClients, double donationPercent, Path logDir, String poolInstance, String region,
                        int maxLineBytes, Duration authTimeout, Duration rpcTimeout, VardiffSettings vardiff) {
        this(nodes, poolAddress, poolSignature, blockPoll, zmqBlock, updateInterval, listen, minDiff, startDiff, maxDiff,
                nonce1Length, nonce2Length, versionMask, maxClients, donationPercent, logDir, poolInstance, region,
                LimitSettings.lineAndAuthOnly(maxLineBytes, authTimeout), rpcTimeout, vardiff);
    }

    /** The same settings with other vardiff parameters. */
    public PoolSettings withVardiff(VardiffSettings v) {
        return new PoolSettings(nodes, poolAddress, poolSignature, blockPoll, zmqBlock, updateInterval, listen, minDiff,
                startDiff, maxDiff, nonce1Length, nonce2Length, versionMask, maxClients, donationPercent, logDir,
                poolInstance, region, limits, rpcTimeout, v);
    }

    /** The same settings with other limits. */
    public PoolSettings withLimits(LimitSettings l) {
        return new PoolSettings(nodes, poolAddress, poolSignature, blockPoll, zmqBlock, updateInterval, listen, minDiff,
                startDiff, maxDiff, nonce1Length, nonce2Length, versionMask, maxClients, donationPercent, logDir,
                poolInstance, region, l, rpcTimeout, vardiff);
    }
}
