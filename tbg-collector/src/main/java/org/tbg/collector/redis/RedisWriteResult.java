package org.tbg.collector.redis;

/**
 * What one batch did to Redis.
 *
 * @param appended   events added to their {@code mining:<event>} stream
 * @param duplicates events not added: seen within the dedupe TTL, or old events the database already had
 */
public record RedisWriteResult(long appended, long duplicates) {
}
