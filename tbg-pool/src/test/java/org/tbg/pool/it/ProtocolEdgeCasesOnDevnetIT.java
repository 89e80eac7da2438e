package org.tbg.pool.it;

import org.tbg.testkit.DevnetNode;
import org.tbg.testkit.TestNode;

/** The protocol edge cases against the embedded devnet chain. */
class ProtocolEdgeCasesOnDevnetIT extends ProtocolEdgeCasesContract {

    @Override
    TestNode startNode() {
        return DevnetNode.start();
    }
}
