package org.tbg.devnet.chain;

import java.util.Arrays;
import java.util.List;
import org.tbg.bitcoin.block.WitnessCommitment;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxOut;

/** Finds a block's witness commitment as Core's {@code GetWitnessCommitmentIndex}: the last tagged coinbase output. */
public final class WitnessCommitmentOutput {
    /** Bytes before the commitment in the script: OP_RETURN, push 36, tag aa21a9ed. */
    private static final int COMMITMENT_OFFSET = 6;

    private WitnessCommitmentOutput() {}

    /** @return the output index, or -1 when the coinbase commits to no witness data */
    public static int indexIn(Transaction coinbase) {
        List<TxOut> outputs = coinbase.outputs();
        for (int i = outputs.size() - 1; i >= 0; i--) {
            if (WitnessCommitment.isCommitmentScript(outputs.get(i).script())) {
                return i;
            }
        }
        return -1;
    }

    /** The 32 committed bytes of the output at {@code index}. */
    public static byte[] commitmentAt(Transaction coinbase, int index) {
        byte[] script = coinbase.outputs().get(index).script();
        return Arrays.copyOfRange(script, COMMITMENT_OFFSET, COMMITMENT_OFFSET + 32);
    }
}
