package org.tbg.pool.limits;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code limits} config object: what one connection and one client address may do. A count
 * of 0 means no limit. Limits apply per IPv4 address and per IPv6 /64; loopback is not special
 * (list it in {@code exemptIps} to exempt it).
 *
 * @param maxLineBytes              {@code max_line_bytes}: longest request line; longer ones get an error and the connection closes
 * @param authTimeout               {@code auth_timeout}: a connection with no authorized worker after this long is closed
 * @param connectionsPerIpPerMinute {@code conn_per_ip_per_min}: new connections one address may open, as a burst of this
 *                                  many and then this many per minute (token bucket)
 * @param maxConnectionsPerIp       {@code max_conn_per_ip}: connections one address may hold open at once
 * @param invalidSharesPerMinute    {@code invalid_shares_per_min}: rejected shares one connection may send per minute
 *                                  (burst of this many); each time it goes over, the next step of the storm sequence:
 *                                  fresh work, then {@code client.reconnect}, then close and a ban
 * @param banDuration               {@code ban_seconds}: how long a banned address is refused; zero = never ban
 * @param exemptIps                 {@code exempt_ips}: addresses and CIDR blocks none of the per-address limits and bans
 *                                  apply to (a farm's NAT, a trusted proxy); {@code maxclients} still does
 */
public record LimitSettings(
        int maxLineBytes,
        Duration authTimeout,
        int connectionsPerIpPerMinute,
        int maxConnectionsPerIp,
        int invalidSharesPerMinute,
        Duration banDuration,
        List<IpRange> exemptIps) {

    public static final int DEFAULT_MAX_LINE_BYTES = 4096;
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(60);
    /** A miner reconnects a few times an hour; 60 lets a NAT of 60 devices come back at once, then one a second. */
    public static final int DEFAULT_CONNECTIONS_PER_IP_PER_MINUTE = 60;
    /** Home miners and small farms behind one address; bigger farms go in {@code exempt_ips}. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 256;
    /**
     * Ten rejects a second, sustained: far above a working miner (vardiff aims at one share per
     * 10 s, and a new block turns at most the shares in flight stale), well below a flood.
     */
    public static final int DEFAULT_INVALID_SHARES_PER_MINUTE = 600;
    public static final Duration DEFAULT_BAN = Duration.ofMinutes(5);

    /** What a pool uses when its config says nothing. */
    public static final LimitSettings DEFAULTS = new LimitSettings(DEFAULT_MAX_LINE_BYTES, DEFAULT_AUTH_TIMEOUT,
            DEFAULT_CONNECTIONS_PER_IP_PER_MINUTE, DEFAULT_MAX_CONNECTIONS_PER_IP, DEFAULT_INVALID_SHARES_PER_MINUTE,
            DEFAULT_BAN, List.of());

    public LimitSettings {
        Objects.requireNonNull(authTimeout, "authTimeout");
        Objects.requireNonNull(banDuration, "banDuration");
        exemptIps = List.copyOf(exemptIps);
        if (maxLineBytes < 1 || authTimeout.isNegative() || authTimeout.isZero()) {
            throw new IllegalArgumentException("max line bytes and auth timeout must be positive");
        }
        if (connectionsPerIpPerMinute < 0 || maxConnectionsPerIp < 0 || invalidSharesPerMinute < 0 || banDuration.isNegative()) {
            throw new IllegalArgumentException("limits must be >= 0 (0 = no limit)");
        }
    }

    /**
     * Only the line length and the authorization timeout: no per-address limit, no storm handling,
     * no bans. For pools that serve one trusted load (the demo, load tests, engine tests).
     */
    public static LimitSettings lineAndAuthOnly(int maxLineBytes, Duration authTimeout) {
        return new LimitSettings(maxLineBytes, authTimeout, 0, 0, 0, Duration.ZERO, List.of());
    }

    /** True when the per-address limits and bans do not apply to {@code address}. */
    public boolean exempt(InetAddress address) {
        for (IpRange r : exemptIps) {
            if (r.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public LimitSettings withConnectionsPerIp(int perMinute, int maxOpen) {
        return new LimitSettings(maxLineBytes, authTimeout, perMinute, maxOpen, invalidSharesPerMinute, banDuration, exemptIps);
    }

    public LimitSettings withInvalidShares(int perMinute, Duration ban) {
        return new LimitSettings(maxLineBytes, authTimeout, connectionsPerIpPerMinute, maxConnectionsPerIp, perMinute, ban, exemptIps);
    }

    public LimitSettings withExemptIps(List<IpRange> ranges) {
        return new LimitSettings(maxLineBytes, authTimeout, connectionsPerIpPerMinute, maxConnectionsPerIp,
                invalidSharesPerMinute, banDuration, ranges);
    }
}
