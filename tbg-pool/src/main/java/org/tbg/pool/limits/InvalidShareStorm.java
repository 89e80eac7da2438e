package org.tbg.pool.limits;

import java.util.concurrent.TimeUnit;

/**
 * One connection's rejected shares against {@code invalid_shares_per_min}: a token bucket of that
 * many rejects, refilled at that many per minute. Each time the bucket runs dry the connection
 * moves one step along fresh work → {@code client.reconnect} → close (and a ban), and the bucket
 * starts full again, so a flood walks the whole way in seconds while a miner with a short burst of
 * stale shares only gets new work. A minute without a step starts the sequence over.
 *
 * <p>This is the rate rule; the spec's "only rejects for 60/120/180 s" rule is
 * {@link org.tbg.pool.session.Session#rejected}. Thread rule: the connection's event loop.
 */
public final class InvalidShareStorm {
    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** What the connection should do after a reject. */
    public enum Step {
        NONE,
        /** Send a clean job: the miner may be hashing on work it lost track of. */
        FRESH_WORK,
        /** Ask the miner to reconnect: a fresh session often cures a confused one. */
        RECONNECT,
        /** Close the connection and ban its address for {@code ban_seconds}. */
        CLOSE
    }

    private final TokenBucket rejects;
    private Step step = Step.NONE;
    private long lastStepNanos;

    /** @param perMinute rejects allowed per minute; 0 turns the rule off */
    public InvalidShareStorm(int perMinute, long nowNanos) {
        this.rejects = perMinute > 0 ? new TokenBucket(perMinute, MINUTE_NANOS, nowNanos) : null;
    }

    /** Counts a reject; returns the step to take now, {@link Step#NONE} most of the time. */
    public Step onReject(long nowNanos) {
        if (rejects == null) {
            return Step.NONE;
        }
        if (step != Step.NONE && nowNanos - lastStepNanos >= MINUTE_NANOS) {
            step = Step.NONE;
        }
        if (rejects.tryTake(nowNanos)) {
            return Step.NONE;
        }
        rejects.fill(nowNanos);
        lastStepNanos = nowNanos;
        step = step == Step.CLOSE ? Step.CLOSE : Step.values()[step.ordinal() + 1];
        return step;
    }
}
