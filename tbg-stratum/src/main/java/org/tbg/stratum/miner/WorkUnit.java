package org.tbg.stratum.miner;

/**
 * One nonce space of a job: 2^32 headers that differ only in the nonce.
 *
 * @param extranonce2 raw bytes placed in the coinbase (owned by this unit, not copied)
 * @param versionBits rolled version bits (within the negotiated mask; 0 without rolling)
 * @param ntime       header time
 */
record WorkUnit(byte[] extranonce2, int versionBits, int ntime) {
}
