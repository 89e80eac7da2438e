package org.tbg.pool.limits;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Client addresses (IPv4, or IPv6 /64) refused until a deadline. Expired bans are dropped when
 * looked up and by {@link #sweep}. Thread-safe; times are {@link System#nanoTime()} values.
 */
public final class BanList {
    private final Map<InetAddress, Long> untilNanos = new ConcurrentHashMap<>();

    /** Bans {@code address} for {@code duration} from {@code nowNanos}; a longer ban already in force stays. */
    public void ban(InetAddress address, Duration duration, long nowNanos) {
        long until = nowNanos + duration.toNanos();
        untilNanos.merge(ClientAddress.key(address), until, (old, fresh) -> fresh - old > 0 ? fresh : old);
    }

    public boolean isBanned(InetAddress address, long nowNanos) {
        InetAddress key = ClientAddress.key(address);
        Long until = untilNanos.get(key);
        if (until == null) {
            return false;
        }
        if (until - nowNanos > 0) {
            return true;
        }
        untilNanos.remove(key, until);
        return false;
    }

    /** Forgets expired bans. */
    public void sweep(long nowNanos) {
        untilNanos.values().removeIf(until -> until - nowNanos <= 0);
    }

    /** Bans recorded, including expired ones not yet swept. */
    public int size() {
        return untilNanos.size();
    }
}
