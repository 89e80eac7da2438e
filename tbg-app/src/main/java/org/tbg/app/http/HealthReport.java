package org.tbg.app.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What {@code GET /health} answers: 200 with {@code body} when {@code healthy}, 503 with it otherwise.
 * Built per request by the process that serves it ({@link PoolHealthReport}, {@link CollectorHealthReport}).
 */
public record HealthReport(boolean healthy, ObjectNode body) {
}
