package org.tbg.pool.session;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.tbg.bitcoin.encoding.Hex;

/**
 * Hands out extranonce1 values unique among live sessions, and gives a reconnecting miner its old
 * value back (stratum's session resume) for {@link #RESUME_WINDOW_MILLIS} after it disconnected.
 * Thread-safe.
 */
public final class ExtranonceAllocator {
    /** How long a disconnected session's extranonce1 stays reserved for its owner (spec: 600 s). */
    public static final long RESUME_WINDOW_MILLIS = 600_000;

    private final int length;
    private final long mask;
    private final Map<String, Long> live = new ConcurrentHashMap<>();
    /** extranonce1 hex → millis when its session ended. */
    private final Map<String, Long> released = new ConcurrentHashMap<>();
    private long next;

    public ExtranonceAllocator(int length) {
        if (length < 2 || length > 8) {
            throw new IllegalArgumentException("extranonce1 length must be 2..8, was " + length);
        }
        this.length = length;
        this.mask = length == 8 ? -1L : (1L << (8 * length)) - 1;
        // A random start keeps two pools behind one address range from colliding right after start.
        this.next = new SecureRandom().nextLong() & mask;
    }

    public int length() {
        return length;
    }

    /**
     * A fresh extranonce1, or the one named by {@code resumeId} when that session ended within the
     * resume window and nobody holds it now.
     */
    public synchronized String allocate(String resumeId, long nowMillis) {
        if (resumeId != null) {
            String id = resumeId.toLowerCase(java.util.Locale.ROOT);
            Long endedAt = released.get(id);
            if (endedAt != null && nowMillis - endedAt < RESUME_WINDOW_MILLIS && !live.containsKey(id)) {
                released.remove(id);
                live.put(id, nowMillis);
                return id;
            }
        }
        if (live.size() + released.size() >= (length >= 4 ? Integer.MAX_VALUE : mask)) {
            throw new IllegalStateException("extranonce1 space exhausted");
        }
        while (true) {
            long v = next;
            next = (next + 1) & mask;
            String id = format(v);
            if (live.containsKey(id)) {
                continue;
            }
            Long endedAt = released.get(id);
            if (endedAt != null) {
                if (nowMillis - endedAt < RESUME_WINDOW_MILLIS) {
                    continue;
                }
                released.remove(id);
            }
            live.put(id, nowMillis);
            return id;
        }
    }

    /** The session holding {@code id} ended; keep the value for its owner a while. */
    public synchronized void release(String id, long nowMillis) {
        if (live.remove(id) != null) {
            released.put(id, nowMillis);
        }
        if (released.size() > 4096) {
            released.values().removeIf(t -> nowMillis - t >= RESUME_WINDOW_MILLIS);
        }
    }

    public int liveCount() {
        return live.size();
    }

    private String format(long v) {
        byte[] b = new byte[length];
        for (int i = length - 1; i >= 0; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return Hex.encode(b);
    }
}
