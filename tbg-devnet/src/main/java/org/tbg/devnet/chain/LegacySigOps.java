package org.tbg.devnet.chain;

import org.tbg.bitcoin.script.ScriptNumber;
import org.tbg.bitcoin.tx.Transaction;
import org.tbg.bitcoin.tx.TxIn;
import org.tbg.bitcoin.tx.TxOut;

/**
 * Core's legacy sigop count ({@code GetLegacySigOpCount}): CHECKSIG counts 1 and CHECKMULTISIG 20
 * wherever they appear in scriptSigs and output scripts; counting stops at a truncated push.
 */
public final class LegacySigOps {
    private static final int OP_CHECKSIG = 0xac;
    private static final int OP_CHECKSIGVERIFY = 0xad;
    private static final int OP_CHECKMULTISIG = 0xae;
    private static final int OP_CHECKMULTISIGVERIFY = 0xaf;
    /** The "inaccurate" count Core uses here: a multisig is assumed to hold the maximum of 20 keys. */
    private static final int MULTISIG_SIGOPS = 20;

    private LegacySigOps() {}

    public static int of(Transaction tx) {
        int n = 0;
        for (TxIn in : tx.inputs()) {
            n += inScript(in.scriptSig());
        }
        for (TxOut out : tx.outputs()) {
            n += inScript(out.script());
        }
        return n;
    }

    static int inScript(byte[] script) {
        int n = 0;
        int pc = 0;
        while (pc < script.length) {
            int op = script[pc++] & 0xff;
            if (op <= ScriptNumber.OP_PUSHDATA4) {
                long len;
                if (op < ScriptNumber.OP_PUSHDATA1) {
                    len = op;
                } else {
                    int width = op == ScriptNumber.OP_PUSHDATA1 ? 1 : op == ScriptNumber.OP_PUSHDATA2 ? 2 : 4;
                    if (pc + width > script.length) {
                        return n;
                    }
                    len = 0;
                    for (int i = width - 1; i >= 0; i--) {
                        len = (len << 8) | (script[pc + i] & 0xff);
                    }
                    pc += width;
                }
                if (len > script.length - pc) {
                    return n;
                }
                pc += (int) len;
            } else if (op == OP_CHECKSIG || op == OP_CHECKSIGVERIFY) {
                n++;
            } else if (op == OP_CHECKMULTISIG || op == OP_CHECKMULTISIGVERIFY) {
                n += MULTISIG_SIGOPS;
            }
        }
        return n;
    }
}
