package org.tbg.app.loadtest;

/**
 * The variable part of one {@code mining.submit}, as the wire wants it: extranonce2 as the hex of
 * its bytes, ntime and nonce as big-endian hex of the 32-bit value.
 */
record CraftedShare(String jobId, String extranonce2Hex, String ntimeHex, String nonceHex) {

    /** {@code [worker, job_id, extranonce2, ntime, nonce]} */
    Object[] params(String worker) {
        return new Object[] {worker, jobId, extranonce2Hex, ntimeHex, nonceHex};
    }
}
