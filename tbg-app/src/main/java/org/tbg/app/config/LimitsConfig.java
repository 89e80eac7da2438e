package org.tbg.app.config;

import java.time.Duration;
import java.util.List;
import org.tbg.pool.limits.IpRange;

/**
 * The {@code limits} object as the file says it (validated); the engine's form is
 * {@link org.tbg.pool.limits.LimitSettings}. A count of 0 means no limit.
 *
 * @param maxLineBytes        {@code max_line_bytes}: longest stratum request line
 * @param authTimeout         {@code auth_timeout}: time a connection has to authorize a worker
 * @param connPerIpPerMin     {@code conn_per_ip_per_min}: new connections one address may open per minute (burst of as many)
 * @param maxConnPerIp        {@code max_conn_per_ip}: open connections one address may hold
 * @param invalidSharesPerMin {@code invalid_shares_per_min}: rejects one connection may send per minute before the
 *                            storm sequence (fresh work, reconnect, close and ban)
 * @param banDuration         {@code ban_seconds}: how long a ban lasts; 0 = no bans
 * @param exemptIps           {@code exempt_ips}: addresses and CIDR blocks the per-address limits and bans skip
 */
public record LimitsConfig(int maxLineBytes, Duration authTimeout, int connPerIpPerMin, int maxConnPerIp,
                           int invalidSharesPerMin, Duration banDuration, List<IpRange> exemptIps) {

    public LimitsConfig {
        exemptIps = List.copyOf(exemptIps);
    }
}
