package org.tbg.testkit;

import org.tbg.bitcoin.rpc.JsonRpcClient;
import org.tbg.bitcoin.rpc.NodeEndpoint;

/** A node the engine's integration tests run against: a real bcoin, or the embedded devnet. */
public interface TestNode extends AutoCloseable {

    /** Where the pool reaches it. */
    NodeEndpoint endpoint();

    /** A client for the test's own calls. */
    JsonRpcClient rpc();

    /** An address this node's {@code generatetoaddress} takes (for tests that move the tip themselves). */
    String generateAddress();

    /** Starts a fresh node of the named kind: {@code bcoin} or {@code devnet}. */
    static TestNode start(String kind) {
        return switch (kind) {
            case "bcoin" -> BcoinNode.start();
            case "devnet" -> DevnetNode.start();
            default -> throw new IllegalArgumentException("unknown test node kind " + kind);
        };
    }

    @Override
    void close();
}
