package org.tbg.pool.stats;

/** Whose record a share broke: its worker's (full worker name) or its user's (payout address). */
public enum RecordHolder {
    WORKER,
    USER
}
