package org.tbg.app.loadtest;

/**
 * One second of a run, counted from its start.
 *
 * @param submitted shares sent in that second
 * @param accepted  accepting replies received in that second
 * @param rejected  rejecting replies received in that second (stale included)
 * @param maxLatencyMillis the slowest reply received in that second (warm-up included), 0 when none came
 */
public record TimelineSecond(int second, long submitted, long accepted, long rejected, double maxLatencyMillis) {
}
