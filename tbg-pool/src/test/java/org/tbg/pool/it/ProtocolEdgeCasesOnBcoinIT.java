package org.tbg.pool.it;

import org.tbg.testkit.BcoinNode;
import org.tbg.testkit.TestNode;

/** The protocol edge cases against a real full node (bcoin regtest). */
class ProtocolEdgeCasesOnBcoinIT extends ProtocolEdgeCasesContract {

    @Override
    TestNode startNode() {
        return BcoinNode.start();
    }
}
