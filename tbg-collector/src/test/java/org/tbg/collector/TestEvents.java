package org.tbg.collector;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.EventFactory;
import org.tbg.events.EventIdentity;
import org.tbg.events.EventType;

/** Well-formed events of every type, as a pool would emit them, for tests. */
public final class TestEvents {
    private static final EventFactory FACTORY = new EventFactory(EventIdentity.hosted("eu", "eu-1"));

    private TestEvents() {
    }

    public static EventFactory factory() {
        return FACTORY;
    }

    /** A factory whose events all carry {@code at} as their time. */
    public static EventFactory at(Instant at) {
        return new EventFactory(EventIdentity.hosted("eu", "eu-1"), Clock.fixed(at, ZoneOffset.UTC));
    }

    public static Map<String, Object> data(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    public static String json(Event e) {
        return EventCodec.encodeToString(e);
    }

    public static Event share(String user, String worker, boolean accepted) {
        return share(FACTORY, user, worker, accepted, accepted ? 3.5 : 0.25, 2.0, "203.0.113.7");
    }

    public static Event share(EventFactory f, String user, String worker, boolean accepted, double diff, double sdiff,
                              String ip) {
        return f.create(EventType.SHARE_SUBMITTED, data("user", user, "worker", worker, "client_id", 7L,
                "job_id", "66f1a2b300000007", "diff", diff, "sdiff", sdiff, "accepted", accepted,
                "reject_reason", accepted ? null : "Above target", "ip", ip, "is_block", false));
    }

    public static Event connected(EventFactory f, String user, String worker, double initialDiff) {
        return f.create(EventType.MINER_CONNECTED, data("user", user, "worker", worker, "client_id", 7L,
                "ip", "203.0.113.7", "useragent", "cpuminer/2.5", "initial_diff", initialDiff,
                "address_type", "p2wpkh", "asicboost_capable", true, "has_custom_sig", false));
    }

    public static Event disconnected(EventFactory f, String user, String worker) {
        return f.create(EventType.MINER_DISCONNECTED, data("user", user, "worker", worker, "client_id", 7L,
                "ip", "203.0.113.7", "reason", "clean", "session_duration", 12.5, "shares_accepted", 3L,
                "shares_rejected", 1L, "best_diff_session", 9.5, "avg_hashrate", 1.2e9));
    }

    public static Event bestDiff(EventFactory f, String user, String worker) {
        return f.create(EventType.SHARE_BEST_DIFF, data("user", user, "worker", worker, "scope", "session",
                "new_best", 9.5, "prev_best", 3.5, "share_hash", "00000000ab"));
    }

    public static Event blockFound(EventFactory f, String user, String worker, long height, String hash) {
        return f.create(EventType.BLOCK_FOUND, data("user", user, "worker", worker, "height", height,
                "hash", hash, "diff", 1.5e6, "network_diff", 1.0e6, "reward_sats", 312_500_000L,
                "coinbase_sig", "/tbg/", "submit_result", "accepted", "submit_ms", 12.5));
    }

    public static Event newBlock(EventFactory f, long height, String hash) {
        return f.create(EventType.NEW_BLOCK_NETWORK, data("height", height, "hash", hash,
                "prev_hash", "00prev", "diff", 1.0e6));
    }

    public static Event diffUpdated(EventFactory f, String user, String worker, double oldDiff, double newDiff) {
        return f.create(EventType.DIFF_UPDATED, data("user", user, "worker", worker, "client_id", 7L,
                "old_diff", oldDiff, "new_diff", newDiff, "reason", "vardiff", "share_rate", 0.1));
    }

    public static Event hashrate(EventFactory f, String user, String worker, double rate1m) {
        return f.create(EventType.HASHRATE_UPDATE, data("user", user, "worker", worker, "hashrate_1m", rate1m,
                "hashrate_5m", 2.0e9, "hashrate_1h", 3.0e9, "hashrate_1d", 4.0e9));
    }

    public static Event asicboost(EventFactory f, String user, String worker) {
        return f.create(EventType.ASICBOOST_DETECTED, data("user", user, "worker", worker,
                "pool_mask", "1fffe000", "miner_mask", "00ffe000"));
    }

    /** One event of each of the nine types for one worker; the block's hash is {@code hash}. */
    public static List<Event> allNine(EventFactory f, String user, String worker, long height, String hash) {
        List<Event> out = new ArrayList<>();
        out.add(connected(f, user, worker, 8));
        out.add(diffUpdated(f, user, worker, 8, 16));
        out.add(share(f, user, worker, true, 20, 16, "203.0.113.7"));
        out.add(bestDiff(f, user, worker));
        out.add(asicboost(f, user, worker));
        out.add(hashrate(f, user, worker, 1.0e9));
        out.add(blockFound(f, user, worker, height, hash));
        out.add(newBlock(f, height, hash));
        out.add(disconnected(f, user, worker));
        return out;
    }
}
