package org.tbg.app.demo;

import org.tbg.bitcoin.hash.Sha256d;

/**
 * Measures how many block headers one thread of this machine hashes per second, so the demo can
 * pick a block difficulty that the built-in miner meets in about the wanted time.
 */
public final class HashrateProbe {
    private HashrateProbe() {}

    /** Hashes per second of one thread, measured for about {@code millis}. */
    public static double measure(long millis) {
        Sha256d sha = new Sha256d();
        byte[] header = new byte[80];
        byte[] out = new byte[32];
        long hashes = 0;
        long start = System.nanoTime();
        long end = start + millis * 1_000_000;
        long now;
        do {
            for (int i = 0; i < 10_000; i++) {
                header[76] = (byte) i;
                header[77] = (byte) (i >>> 8);
                sha.hash(header, 0, 80, out, 0);
            }
            hashes += 10_000;
            now = System.nanoTime();
        } while (now < end);
        return hashes / ((now - start) / 1e9);
    }

    /** The difficulty at which {@code hashesPerSecond} finds one share or block every {@code seconds} on average. */
    public static double difficultyFor(double hashesPerSecond, double seconds) {
        return hashesPerSecond * seconds / 4294967296.0; // a difficulty-1 share takes 2^32 hashes on average
    }
}
