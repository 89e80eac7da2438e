package org.tbg.events;

import static org.tbg.events.FieldKind.BOOLEAN;
import static org.tbg.events.FieldKind.INTEGER;
import static org.tbg.events.FieldKind.NUMBER;
import static org.tbg.events.FieldKind.OPTIONAL_STRING;
import static org.tbg.events.FieldKind.STRING;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The nine events of spec/events.md with the {@code data} fields each one must carry. Extra fields
 * are allowed (a newer pool may add some); a missing or mistyped one makes the event malformed.
 */
public enum EventType {
    MINER_CONNECTED("miner_connected", fields(
            "user", STRING, "worker", STRING, "client_id", INTEGER, "ip", STRING, "useragent", OPTIONAL_STRING,
            "initial_diff", NUMBER, "address_type", STRING, "asicboost_capable", BOOLEAN, "has_custom_sig", BOOLEAN)),
    MINER_DISCONNECTED("miner_disconnected", fields(
            "user", STRING, "worker", STRING, "client_id", INTEGER, "ip", STRING, "reason", STRING,
            "session_duration", NUMBER, "shares_accepted", INTEGER, "shares_rejected", INTEGER,
            "best_diff_session", NUMBER, "avg_hashrate", NUMBER)),
    SHARE_SUBMITTED("share_submitted", fields(
            "user", STRING, "worker", STRING, "client_id", INTEGER, "job_id", STRING, "diff", NUMBER,
            "sdiff", NUMBER, "accepted", BOOLEAN, "reject_reason", OPTIONAL_STRING, "ip", STRING, "is_block", BOOLEAN)),
    SHARE_BEST_DIFF("share_best_diff", fields(
            "user", STRING, "worker", STRING, "scope", STRING, "new_best", NUMBER, "prev_best", NUMBER,
            "share_hash", STRING)),
    BLOCK_FOUND("block_found", fields(
            "user", STRING, "worker", STRING, "height", INTEGER, "hash", STRING, "diff", NUMBER,
            "network_diff", NUMBER, "reward_sats", INTEGER, "coinbase_sig", STRING, "submit_result", STRING,
            "submit_ms", NUMBER)),
    NEW_BLOCK_NETWORK("new_block_network", fields(
            "height", INTEGER, "hash", STRING, "prev_hash", STRING, "diff", NUMBER)),
    DIFF_UPDATED("diff_updated", fields(
            "user", STRING, "worker", STRING, "client_id", INTEGER, "old_diff", NUMBER, "new_diff", NUMBER,
            "reason", STRING, "share_rate", NUMBER)),
    HASHRATE_UPDATE("hashrate_update", fields(
            "user", STRING, "worker", STRING, "hashrate_1m", NUMBER, "hashrate_5m", NUMBER, "hashrate_1h", NUMBER,
            "hashrate_1d", NUMBER)),
    ASICBOOST_DETECTED("asicboost_detected", fields(
            "user", STRING, "worker", STRING, "pool_mask", STRING, "miner_mask", STRING));

    private static final Map<String, EventType> BY_WIRE_NAME = new LinkedHashMap<>();

    static {
        for (EventType type : values()) {
            BY_WIRE_NAME.put(type.wireName, type);
        }
    }

    private final String wireName;
    private final Map<String, FieldKind> fields;

    EventType(String wireName, Map<String, FieldKind> fields) {
        this.wireName = wireName;
        this.fields = fields;
    }

    /** The name on the wire, in Redis stream keys and NATS subjects, e.g. {@code share_submitted}. */
    public String wireName() {
        return wireName;
    }

    /** The required {@code data} fields in the order the pool writes them. */
    public Map<String, FieldKind> fields() {
        return fields;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Optional.ofNullable(BY_WIRE_NAME.get(name));
    }

    @Override
    public String toString() {
        return wireName;
    }

    private static Map<String, FieldKind> fields(Object... nameKindPairs) {
        Map<String, FieldKind> out = new LinkedHashMap<>();
        for (int i = 0; i < nameKindPairs.length; i += 2) {
            out.put((String) nameKindPairs[i], (FieldKind) nameKindPairs[i + 1]);
        }
        return Collections.unmodifiableMap(out);
    }
}
