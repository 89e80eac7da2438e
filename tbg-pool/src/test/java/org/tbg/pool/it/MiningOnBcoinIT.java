package org.tbg.pool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.address.AddressEncoder;
import org.tbg.bitcoin.address.Network;
import org.tbg.testkit.BcoinNode;
import org.tbg.testkit.TestNode;

/** The mining contract against a real full node (bcoin regtest), plus what only a real node can show. */
class MiningOnBcoinIT extends MiningContract {

    @Override
    TestNode startNode() {
        return BcoinNode.start();
    }

    @Test
    void acceptsAnAddressOnlyTheNodeKnows() throws Exception {
        // bcoin's own regtest format ("rb1…"): the local decoder does not know it, the node does.
        byte[] h160 = TestAddresses.key("bcoin-format").getPubKeyHash();
        String address = AddressEncoder.p2wpkh(Network.BCOIN_REGTEST, h160);
        long before = node.rpc().call("getblockcount").asLong();

        byte[] script = ScriptBuilder.createP2WPKHOutputScript(h160).getProgram();

        List<Long> ours = mineUntilBestChainHas(address, script, 1, before + 1);

        assertThat(ours).isNotEmpty();
        checkCoinbase(blockAt(ours.get(0)), ours.get(0), script);
    }
}
