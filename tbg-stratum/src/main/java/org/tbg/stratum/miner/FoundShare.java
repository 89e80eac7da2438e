package org.tbg.stratum.miner;

import java.util.ArrayList;
import java.util.List;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;

/**
 * A header hash worth submitting: it met the share target, or the network target (a block candidate).
 *
 * @param hash 32 bytes, internal order
 */
record FoundShare(MiningJob job, WorkUnit unit, int nonce, byte[] hash, boolean meetsNetworkTarget) {

    /** {@code mining.submit} params: worker, job_id, extranonce2, ntime, nonce[, version_bits]. */
    List<Object> submitParams(String worker) {
        List<Object> p = new ArrayList<>(6);
        p.add(worker);
        p.add(job.notifyJob().jobId());
        p.add(Hex.encode(unit.extranonce2()));
        p.add(hex32(unit.ntime()));
        p.add(hex32(nonce));
        if (job.versionMask() != 0) {
            p.add(hex32(unit.versionBits()));
        }
        return p;
    }

    /** Display (RPC) hex of the header hash. */
    String hashHex() {
        return Hex.encode(Bytes.reversed(hash));
    }

    /** Big-endian hex of a 32-bit value, the stratum form of nonce, ntime and version_bits. */
    static String hex32(int v) {
        byte[] b = new byte[4];
        Bytes.writeInt32BE(v, b, 0);
        return Hex.encode(b);
    }
}
