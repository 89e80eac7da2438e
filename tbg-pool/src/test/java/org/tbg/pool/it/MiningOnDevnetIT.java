package org.tbg.pool.it;

import org.tbg.testkit.DevnetNode;
import org.tbg.testkit.TestNode;

/** The mining contract against the embedded devnet chain: same test, second backend. */
class MiningOnDevnetIT extends MiningContract {

    @Override
    TestNode startNode() {
        return DevnetNode.start();
    }
}
