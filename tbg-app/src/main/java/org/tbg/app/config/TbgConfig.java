package org.tbg.app.config;

import java.nio.file.Path;

/**
 * The validated config keys that {@link org.tbg.pool.PoolSettings} does not carry. URLs may hold
 * credentials: never log them.
 *
 * @param metricsPort     {@code metrics_port}: Prometheus {@code /metrics}, {@code /health}, {@code /ready}; 0 = disabled
 * @param redisUrl        {@code redis_url} or {@code REDIS_URL}; null = no Redis
 * @param databaseUrl     {@code database_url} or {@code DATABASE_URL}; null = no database
 * @param eventSocketPath {@code event_socket_path}: Unix datagram event sink; null = off
 * @param events          {@code events}
 * @param vardiff         {@code vardiff}
 * @param limits          {@code limits} (the engine takes them as {@link org.tbg.pool.PoolSettings#limits()})
 * @param multiRegion     {@code tbg_mode}, {@code tbg_primary_url}, {@code tbg_relay_port}, {@code tbg_failover_timeout}
 */
public record TbgConfig(
        int metricsPort,
        String redisUrl,
        String databaseUrl,
        Path eventSocketPath,
        EventsConfig events,
        VardiffConfig vardiff,
        LimitsConfig limits,
        MultiRegionConfig multiRegion) {
}
