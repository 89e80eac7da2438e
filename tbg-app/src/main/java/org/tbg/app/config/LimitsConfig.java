package org.tbg.app.config;

import java.time.Duration;

/**
 * The {@code limits} object, except {@code max_line_bytes} and {@code auth_timeout}, which the
 * engine takes from {@link org.tbg.pool.PoolSettings}. A limit of 0 means no limit.
 *
 * @param connPerIpPerMin     {@code conn_per_ip_per_min}: new connections one IP may open per minute
 * @param maxConnPerIp        {@code max_conn_per_ip}: open connections one IP may hold
 * @param invalidSharesPerMin {@code invalid_shares_per_min}: rejects per minute before a ban
 * @param banDuration         {@code ban_seconds}: how long a ban lasts
 */
public record LimitsConfig(int connPerIpPerMin, int maxConnPerIp, int invalidSharesPerMin, Duration banDuration) {
}
