package org.tbg.pool.server;

import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.pool.limits.InvalidShareStorm;
import org.tbg.pool.session.Session;
import org.tbg.stratum.codec.StratumJson;

/**
 * A connection that keeps failing is walked through fresh work, a reconnect request and a close.
 * Two rules count its failures differently: the spec's "only rejects for 60/120/180 s"
 * ({@link Session#rejected}) and the rate rule {@link InvalidShareStorm}, which ends in a ban. They
 * answer alike, so they live together, apart from the share path that feeds them.
 *
 * <p>Thread rule: the connection's event loop.
 */
final class RejectEscalation {
    /** The connection's own logger: an operator finds a connection's whole story under one name. */
    private static final Logger log = LoggerFactory.getLogger(StratumSessionHandler.class);

    private final StratumSessionHandler connection;
    private final Session session;
    private final StratumContext pool;
    /** Banned at the end of a storm; null when the channel has no IP address. */
    private final InetAddress address;
    private final InvalidShareStorm storm;

    RejectEscalation(StratumSessionHandler connection, Session session, StratumContext pool, InetAddress address) {
        this.connection = connection;
        this.session = session;
        this.pool = pool;
        this.address = address;
        this.storm = new InvalidShareStorm(pool.settings().limits().invalidSharesPerMinute(), System.nanoTime());
    }

    /** A rejected share counts under both rules. */
    void shareRejected(long now) {
        onlyRejects(now);
        onStormStep(storm.onReject(System.nanoTime()));
    }

    /** An unknown method: a stream of junk requests is a storm too. */
    void junkRequest() {
        onStormStep(storm.onReject(System.nanoTime()));
    }

    /** A connection that only produces rejects gets fresh work, then a reconnect request, then is closed. */
    private void onlyRejects(long now) {
        switch (session.rejected(now)) {
            case 1 -> connection.sendJob(pool.work().current(), true);
            case 2 -> {
                log.info("miner {} from {} has only had rejects for 120 s: asking it to reconnect", connection.firstWorkerName(),
                        session.remoteIp());
                connection.send(StratumJson.reconnect(null, null, null));
            }
            case 3 -> {
                log.info("closing miner {} from {}: only rejects for 180 s", connection.firstWorkerName(), session.remoteIp());
                connection.close("kicked");
            }
            default -> { }
        }
    }

    /** The invalid-share storm sequence ({@code limits.invalid_shares_per_min}): fresh work, reconnect, close and ban. */
    private void onStormStep(InvalidShareStorm.Step step) {
        if (connection.closing() || step == InvalidShareStorm.Step.NONE) {
            return;
        }
        int perMinute = pool.settings().limits().invalidSharesPerMinute();
        switch (step) {
            case FRESH_WORK -> {
                log.info("miner {} from {}: more than {} rejects a minute: sending fresh work", connection.firstWorkerName(),
                        session.remoteIp(), perMinute);
                connection.sendJob(pool.work().current(), true);
            }
            case RECONNECT -> {
                log.info("miner {} from {}: rejects go on: asking it to reconnect", connection.firstWorkerName(), session.remoteIp());
                connection.send(StratumJson.reconnect(null, null, null));
            }
            case CLOSE -> {
                boolean banned = address != null && pool.limiter().ban(address, System.nanoTime());
                if (banned) {
                    pool.stats().banned();
                }
                log.info("closing miner {} from {}: invalid-share storm{}", connection.firstWorkerName(), session.remoteIp(),
                        banned ? "; address banned for " + pool.settings().limits().banDuration().toSeconds() + " s" : "");
                connection.close("kicked");
            }
            default -> { }
        }
    }
}
