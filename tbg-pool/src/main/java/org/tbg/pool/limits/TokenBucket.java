package org.tbg.pool.limits;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at {@code capacity}
 * per {@code periodNanos}, so it allows a burst of {@code capacity} and then the steady rate.
 * Not thread-safe: the owner guards it (a connection's event loop, or a map entry's lock).
 */
final class TokenBucket {
    private final double capacity;
    private final double tokensPerNano;
    private double tokens;
    private long lastNanos;

    TokenBucket(int capacity, long periodNanos, long nowNanos) {
        if (capacity < 1 || periodNanos < 1) {
            throw new IllegalArgumentException("capacity and period must be positive");
        }
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) periodNanos;
        this.tokens = capacity;
        this.lastNanos = nowNanos;
    }

    /** Takes one token; false when the bucket is empty (nothing is taken then). */
    boolean tryTake(long nowNanos) {
        refill(nowNanos);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** True when no token has been missing for long enough to refill them all. */
    boolean isFull(long nowNanos) {
        refill(nowNanos);
        return tokens >= capacity;
    }

    /** Back to a full bucket. */
    void fill(long nowNanos) {
        tokens = capacity;
        lastNanos = nowNanos;
    }

    private void refill(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
            lastNanos = nowNanos;
        }
    }
}
