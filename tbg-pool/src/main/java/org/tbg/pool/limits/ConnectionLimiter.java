package org.tbg.pool.limits;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides at accept time whether a new connection may stay: not from a banned address, under
 * {@code maxclients}, under the address's cap of open connections and within its connection rate
 * (a token bucket). Every admitted connection must be {@link #release released} exactly once when
 * it ends. Exempt addresses ({@link LimitSettings#exemptIps}) skip everything but {@code maxclients}.
 *
 * <p>Thread-safe: connections are accepted on many event loops. Per-address state lives in a map
 * entry and is changed only inside the map's per-key {@code compute}; an entry with no open
 * connection and a full bucket carries no information and is dropped (on release or by {@link #sweep}).
 */
public final class ConnectionLimiter {
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final LimitSettings limits;
    private final int maxClients;
    private final BanList bans = new BanList();
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, PerAddress> byAddress = new ConcurrentHashMap<>();

    /** One address's state; guarded by its map entry. */
    private static final class PerAddress {
        int open;
        final TokenBucket newConnections;

        PerAddress(TokenBucket newConnections) {
            this.newConnections = newConnections;
        }

        boolean idle(long nowNanos) {
            return open == 0 && (newConnections == null || newConnections.isFull(nowNanos));
        }
    }

    public ConnectionLimiter(LimitSettings limits, int maxClients) {
        this.limits = limits;
        this.maxClients = maxClients;
    }

    public LimitSettings settings() {
        return limits;
    }

    /** @return null when the connection is admitted, else why it is refused (nothing is counted then) */
    public Refusal admit(InetAddress address, long nowNanos) {
        boolean exempt = limits.exempt(address);
        if (!exempt && bans.isBanned(address, nowNanos)) {
            return Refusal.BANNED;
        }
        if (open.incrementAndGet() > maxClients) {
            open.decrementAndGet();
            return Refusal.MAX_CLIENTS;
        }
        if (exempt || !perAddressLimits()) {
            return null;
        }
        Refusal[] refusal = new Refusal[1];
        byAddress.compute(ClientAddress.key(address), (key, state) -> {
            PerAddress s = state != null ? state : new PerAddress(limits.connectionsPerIpPerMinute() > 0
                    ? new TokenBucket(limits.connectionsPerIpPerMinute(), MINUTE_NANOS, nowNanos) : null);
            if (limits.maxConnectionsPerIp() > 0 && s.open >= limits.maxConnectionsPerIp()) {
                refusal[0] = Refusal.MAX_CONNECTIONS_PER_IP;
            } else if (s.newConnections != null && !s.newConnections.tryTake(nowNanos)) {
                refusal[0] = Refusal.CONNECTION_RATE_PER_IP;
            } else {
                s.open++;
            }
            return s.idle(nowNanos) ? null : s;
        });
        if (refusal[0] != null) {
            open.decrementAndGet();
        }
        return refusal[0];
    }

    /** An admitted connection from {@code address} ended. */
    public void release(InetAddress address, long nowNanos) {
        open.decrementAndGet();
        if (limits.exempt(address) || !perAddressLimits()) {
            return;
        }
        byAddress.computeIfPresent(ClientAddress.key(address), (key, s) -> {
            s.open--;
            return s.idle(nowNanos) ? null : s;
        });
    }

    /**
     * Bans {@code address} for {@code ban_seconds}; false (and nothing done) when it is exempt or
     * bans are off. Connections already open stay; each answers for its own behaviour.
     */
    public boolean ban(InetAddress address, long nowNanos) {
        Duration d = limits.banDuration();
        if (d.isZero() || limits.exempt(address)) {
            return false;
        }
        bans.ban(address, d, nowNanos);
        return true;
    }

    public boolean isBanned(InetAddress address, long nowNanos) {
        return bans.isBanned(address, nowNanos);
    }

    /** Drops what no longer matters: expired bans, addresses with nothing open and a full bucket. */
    public void sweep(long nowNanos) {
        bans.sweep(nowNanos);
        for (InetAddress key : byAddress.keySet()) {
            byAddress.computeIfPresent(key, (k, s) -> s.idle(nowNanos) ? null : s);
        }
    }

    /** Connections admitted and not yet released. */
    public int open() {
        return open.get();
    }

    /** Addresses with a ban on record (expired ones until the next sweep). */
    public int bannedAddresses() {
        return bans.size();
    }

    /** Addresses with per-address state (for tests: it must not grow without bound). */
    int trackedAddresses() {
        return byAddress.size();
    }

    private boolean perAddressLimits() {
        return limits.connectionsPerIpPerMinute() > 0 || limits.maxConnectionsPerIp() > 0;
    }
}
