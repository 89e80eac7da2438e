package org.tbg.pool.event;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.tbg.events.Event;
import org.tbg.events.EventFactory;
import org.tbg.events.EventType;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.pool.block.CoinbaseText;
import org.tbg.pool.block.FoundBlock;
import org.tbg.pool.block.SubmitOutcome;
import org.tbg.pool.session.Session;
import org.tbg.pool.session.Worker;
import org.tbg.pool.session.WorkerName;
import org.tbg.pool.share.ShareResult;
import org.tbg.pool.stats.Hashrates;
import org.tbg.pool.stats.MinerHashrates;
import org.tbg.pool.stats.RecordBreak;
import org.tbg.pool.stats.RecordHolder;
import org.tbg.pool.work.Job;

/**
 * Turns the engine's facts into the events of spec/events.md and hands them to the event bus. Runs on
 * the caller's thread (an event loop for most facts): it builds one small map and offers it; the bus
 * never blocks, so neither does this.
 *
 * <p>{@code user} is the payout address and {@code worker} the label after it ("bc1q….rig1" →
 * "bc1q…", "rig1"). Facts about a connection with no authorized worker (a submit before
 * {@code mining.authorize}, a suggested difficulty) carry the name the miner sent, or are skipped
 * where the spec ties the event to a worker.
 */
public final class EventEmitter implements PoolEventListener {
    /** Names come from miners: events carry at most this much of one (an authorized name is shorter anyway). */
    private static final int MAX_NAME = WorkerName.MAX_LENGTH;

    private final EventFactory factory;
    private final Predicate<EventType> wanted;
    private final Consumer<Event> out;
    private final Supplier<MinerHashrates> hashrates;
    private volatile String lastTip;

    /**
     * @param factory   stamps id, time, sequence and identity
     * @param wanted    the {@code events.types} filter (checked before any map is built)
     * @param out       the bus's emit: must not block
     * @param hashrates the pool's meters (e.g. {@code pool::hashrates}: they exist once it started), for a
     *                  closing session's average hashrate
     */
    public EventEmitter(EventFactory factory, Predicate<EventType> wanted, Consumer<Event> out,
                        Supplier<MinerHashrates> hashrates) {
        this.factory = factory;
        this.wanted = wanted;
        this.out = out;
        this.hashrates = hashrates;
    }

    @Override
    public void minerConnected(Session session, Worker worker) {
        if (!wanted.test(EventType.MINER_CONNECTED) || worker == null) {
            return;
        }
        Map<String, Object> d = who(worker.name(), 11);
        d.put("client_id", session.id());
        d.put("ip", session.remoteIp());
        d.put("useragent", session.userAgent());
        d.put("initial_diff", session.nextDifficulty());
        d.put("address_type", worker.payout().type().label());
        d.put("asicboost_capable", session.versionMask() != 0);
        d.put("has_custom_sig", session.signature() != null);
        emit(EventType.MINER_CONNECTED, d);
    }

    @Override
    public void minerDisconnected(Session session, String reason) {
        Worker worker = session.firstWorker();
        if (!wanted.test(EventType.MINER_DISCONNECTED) || worker == null) {
            return;
        }
        long now = System.currentTimeMillis();
        long durationMillis = Math.max(0, now - session.connectedMillis());
        Map<String, Object> d = who(worker.name(), 12);
        d.put("client_id", session.id());
        d.put("ip", session.remoteIp());
        d.put("reason", reason);
        d.put("session_duration", durationMillis / 1000.0);
        d.put("shares_accepted", session.sharesAccepted());
        d.put("shares_rejected", session.sharesRejected());
        d.put("best_diff_session", session.bests().connectionBest());
        d.put("avg_hashrate", averageHashrate(worker.name(), durationMillis, now));
        emit(EventType.MINER_DISCONNECTED, d);
    }

    @Override
    public void shareSubmitted(Session session, String username, String jobId, ShareResult result) {
        if (!wanted.test(EventType.SHARE_SUBMITTED)) {
            return;
        }
        WorkerName name = result.worker() != null ? result.worker().name()
                : WorkerName.parse(clip(username == null ? "" : username));
        Map<String, Object> d = who(name, 12);
        d.put("client_id", session.id());
        d.put("job_id", jobId == null ? "" : clip(jobId));
        d.put("diff", result.shareDiff());
        d.put("sdiff", result.targetDiff() > 0 ? result.targetDiff() : session.difficulty());
        d.put("accepted", result.accepted());
        d.put("reject_reason", result.accepted() ? null : result.reason());
        d.put("ip", session.remoteIp());
        d.put("is_block", result.block() != null);
        emit(EventType.SHARE_SUBMITTED, d);
    }

    @Override
    public void bestDifficulty(Session session, Worker worker, RecordBreak record, String shareHash) {
        // share_best_diff is the worker's record (the user's weekly best is rolled up from shares downstream)
        if (!wanted.test(EventType.SHARE_BEST_DIFF) || worker == null || record.holder() != RecordHolder.WORKER) {
            return;
        }
        Map<String, Object> d = who(worker.name(), 8);
        d.put("scope", record.scope().eventName());
        d.put("new_best", record.newBest());
        d.put("prev_best", record.previousBest());
        d.put("share_hash", shareHash);
        emit(EventType.SHARE_BEST_DIFF, d);
    }

    @Override
    public void difficultyChanged(Session session, double oldDiff, double newDiff, String reason, double shareRate) {
        Worker worker = session.firstWorker();
        if (!wanted.test(EventType.DIFF_UPDATED) || worker == null) {
            return;
        }
        Map<String, Object> d = who(worker.name(), 9);
        d.put("client_id", session.id());
        d.put("old_diff", oldDiff);
        d.put("new_diff", newDiff);
        d.put("reason", reason);
        d.put("share_rate", shareRate);
        emit(EventType.DIFF_UPDATED, d);
    }

    @Override
    public void asicBoostDetected(Session session, int poolMask, int minerMask) {
        Worker worker = session.firstWorker();
        if (!wanted.test(EventType.ASICBOOST_DETECTED) || worker == null) {
            return;
        }
        Map<String, Object> d = who(worker.name(), 6);
        d.put("pool_mask", String.format("%08x", poolMask));
        d.put("miner_mask", String.format("%08x", minerMask));
        emit(EventType.ASICBOOST_DETECTED, d);
    }

    @Override
    public void blockFound(SubmitOutcome outcome) {
        if (!wanted.test(EventType.BLOCK_FOUND)) {
            return;
        }
        FoundBlock b = outcome.block();
        Map<String, Object> d = who(b.worker().name(), 12);
        d.put("height", b.height());
        d.put("hash", b.hash());
        d.put("diff", b.shareDiff());
        d.put("network_diff", b.networkDiff());
        d.put("reward_sats", b.coinbaseValue());
        d.put("coinbase_sig", CoinbaseText.of(b.blockHex()));
        d.put("submit_result", outcome.result());
        d.put("submit_ms", (double) outcome.submitMillis());
        emit(EventType.BLOCK_FOUND, d);
    }

    /**
     * The tip the new work builds on. {@code prev_hash} is the tip the pool worked on before, which is
     * the block's parent unless the pool missed a block or the chain reorganised (the template does
     * not carry the parent's parent).
     */
    @Override
    public void newNetworkBlock(Job job) {
        String tip = Hex.encode(Bytes.reversed(job.prevHash()));
        String previous = lastTip;
        lastTip = tip;
        if (!wanted.test(EventType.NEW_BLOCK_NETWORK) || tip.equals(previous)) {
            return;
        }
        Map<String, Object> d = new LinkedHashMap<>(8);
        d.put("height", job.height() - 1);
        d.put("hash", tip);
        d.put("prev_hash", previous == null ? "" : previous);
        d.put("diff", job.networkDifficulty());
        emit(EventType.NEW_BLOCK_NETWORK, d);
    }

    /** One {@code hashrate_update} for a worker (called by {@link HashrateReporter}). */
    public void hashrateUpdate(WorkerName worker, Hashrates rates) {
        if (!wanted.test(EventType.HASHRATE_UPDATE)) {
            return;
        }
        Map<String, Object> d = who(worker, 8);
        d.put("hashrate_1m", rates.oneMinute());
        d.put("hashrate_5m", rates.fiveMinutes());
        d.put("hashrate_1h", rates.oneHour());
        d.put("hashrate_1d", rates.oneDay());
        emit(EventType.HASHRATE_UPDATE, d);
    }

    /** The shortest meter window that covers the whole session, as the session's average. */
    private double averageHashrate(WorkerName name, long durationMillis, long now) {
        MinerHashrates meters = hashrates.get();
        if (meters == null) {
            return 0;
        }
        Hashrates h = meters.worker(name, now);
        if (durationMillis <= 60_000) {
            return h.oneMinute();
        } else if (durationMillis <= 300_000) {
            return h.fiveMinutes();
        } else if (durationMillis <= 3_600_000) {
            return h.oneHour();
        }
        return h.oneDay();
    }

    private void emit(EventType type, Map<String, Object> data) {
        out.accept(factory.create(type, data));
    }

    private static Map<String, Object> who(WorkerName name, int fields) {
        Map<String, Object> d = new LinkedHashMap<>(fields * 4 / 3 + 2);
        d.put("user", clip(name.address()));
        d.put("worker", clip(name.worker()));
        return d;
    }

    private static String clip(String s) {
        return s.length() <= MAX_NAME ? s : s.substring(0, MAX_NAME);
    }
}
