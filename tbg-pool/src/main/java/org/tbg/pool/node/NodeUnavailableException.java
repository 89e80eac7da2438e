package org.tbg.pool.node;

/** The answer depends on a node and none is reachable now; asking again later may succeed. */
public final class NodeUnavailableException extends RuntimeException {
    public NodeUnavailableException(String message) {
        super(message);
    }
}
