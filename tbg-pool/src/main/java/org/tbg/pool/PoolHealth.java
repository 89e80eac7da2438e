package org.tbg.pool;

import java.util.List;

/**
 * A point-in-time view of the engine for {@code /health} and the status line.
 *
 * @param healthy          a current template and a node that answers
 * @param uptimeSeconds    since {@link Pool#start()}
 * @param blockHeight      height of the block the current work builds (0 before the first template)
 * @param templateAgeSeconds seconds since the last template was fetched (-1 before the first)
 * @param nodes            the configured nodes, in priority order
 * @param currentNode      the node answering now
 * @param nodeUp           whether the last poll got an answer
 * @param connectedMiners  connections with at least one authorized worker
 * @param connections      all open connections
 */
public record PoolHealth(boolean healthy, long uptimeSeconds, long blockHeight, double templateAgeSeconds,
                         List<String> nodes, String currentNode, boolean nodeUp, int connectedMiners, int connections) {
}
