package org.tbg.app.config;

import java.nio.file.Path;

/**
 * What {@code tbg collector} reads from a ckpool.conf-format file and the environment. URLs may hold
 * credentials: never log them. Every value may be null (not configured).
 *
 * @param databaseUrl {@code database_url} or {@code DATABASE_URL}
 * @param redisUrl    {@code redis_url} or {@code REDIS_URL}
 * @param natsUrl     {@code events.nats_url} or {@code NATS_URL}
 * @param socketPath  {@code event_socket_path}
 * @param region      {@code tbg_region}, when the file sets it
 */
public record CollectorConfig(String databaseUrl, String redisUrl, String natsUrl, Path socketPath, String region) {
}
