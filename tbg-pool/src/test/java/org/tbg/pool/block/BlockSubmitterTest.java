package org.tbg.pool.block;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class BlockSubmitterTest {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    @Test
    void readsSubmitblockAnswersOfCoreAndBcoin() {
        assertThat(BlockSubmitter.classify(F.nullNode())).isEqualTo("accepted");
        // Core
        assertThat(BlockSubmitter.classify(F.textNode("duplicate"))).isEqualTo("accepted");
        assertThat(BlockSubmitter.classify(F.textNode("inconclusive"))).isEqualTo("inconclusive");
        assertThat(BlockSubmitter.classify(F.textNode("duplicate-inconclusive"))).isEqualTo("inconclusive");
        assertThat(BlockSubmitter.classify(F.textNode("duplicate-invalid"))).isEqualTo("rejected:duplicate-invalid");
        assertThat(BlockSubmitter.classify(F.textNode("high-hash"))).isEqualTo("rejected:high-hash");
        // bcoin 1.0.2 prefixes every reason, a duplicate included
        assertThat(BlockSubmitter.classify(F.textNode("rejected: duplicate"))).isEqualTo("accepted");
        assertThat(BlockSubmitter.classify(F.textNode("rejected: bad-txnmrklroot"))).isEqualTo("rejected:bad-txnmrklroot");
    }
}
