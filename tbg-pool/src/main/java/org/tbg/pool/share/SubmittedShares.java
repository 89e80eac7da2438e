package org.tbg.pool.share;

/**
 * The shares a session has had accepted since the last new block, remembered by the first 8 bytes
 * of their header hash: two submissions with the same job, extranonce2, ntime, nonce and version
 * give the same header, hence the same hash. An open-addressing set of longs, so the share path
 * does not box. Thread rule: owned by one session (its event loop).
 */
public final class SubmittedShares {
    /** Bound on remembered shares per session; past it the set starts over (the oldest matter least). */
    static final int MAX_ENTRIES = 1 << 16;

    private long[] slots = new long[64];
    private boolean hasZero;
    private int size;

    /** Records {@code key}; false when it was already there (a duplicate). */
    public boolean add(long key) {
        if (key == 0) {
            if (hasZero) return false;
            hasZero = true;
            return true;
        }
        if ((size + 1) * 2 > slots.length) {
            if (slots.length >= MAX_ENTRIES * 2) {
                clear();
            } else {
                grow();
            }
        }
        int m = slots.length - 1;
        int i = mix(key) & m;
        while (slots[i] != 0) {
            if (slots[i] == key) return false;
            i = (i + 1) & m;
        }
        slots[i] = key;
        size++;
        return true;
    }

    public void clear() {
        if (size > 0 || slots.length > 64) {
            slots = new long[64];
        }
        size = 0;
        hasZero = false;
    }

    public int size() {
        return size + (hasZero ? 1 : 0);
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int m = slots.length - 1;
        for (long k : old) {
            if (k != 0) {
                int i = mix(k) & m;
                while (slots[i] != 0) i = (i + 1) & m;
                slots[i] = k;
            }
        }
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
