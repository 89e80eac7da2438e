package org.tbg.app.loadtest;

/** The reply latency figures of a run, in milliseconds. */
public record LatencySummary(double min, double p50, double p95, double p99, double max) {
}
