package org.tbg.pool.state;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletionStage;

/**
 * What the pool knows about miners beyond one connection: each address's own coinbase signature
 * and each worker's last difficulty (spec/storage.md: {@code user_coinbase:<address>},
 * {@code vardiff:<worker>}).
 *
 * <p>Thread rule: every method is thread-safe and returns without waiting on I/O, so it may be
 * called on a Netty event loop. Returned stages are either already complete (dependents then run
 * on the caller's thread) or complete later on an internal thread; always within a bounded time
 * and never exceptionally. Hop back onto the connection's event loop before touching its session.
 * Nothing here throws because a backing store is unreachable: it answers from memory.
 */
public interface MinerStateStore extends AutoCloseable {

    /**
     * The signature to place in this address's coinbases, answered at once from memory. The first
     * ask for an address starts a background read and (short of a race) answers empty; every ask
     * while the backing store is unreachable answers empty. Empty means: the pool's {@code btcsig}
     * alone. Each ask also marks the address as in use, which keeps it cached and refreshed.
     */
    Optional<String> signatureFor(String address);

    /**
     * Like {@link #signatureFor} but, for an address not read yet, completes when the read does
     * (or empty after the store's timeout). For authorize time, so the first job already carries it.
     */
    CompletionStage<Optional<String>> loadSignature(String address);

    /**
     * Remembers a worker's current difficulty (fire-and-forget; writes are coalesced).
     * @throws IllegalArgumentException when {@code difficulty} is not a finite positive number
     */
    void remember(String worker, double difficulty);

    /** The worker's last remembered difficulty, from memory first, else from the backing store; empty when unknown. */
    CompletionStage<OptionalDouble> lastDifficulty(String worker);

    /** Writes what is still pending (bounded wait) and releases connections and threads. */
    @Override
    void close();

    /** Guards the one argument rule both stores share. */
    public static void checkDifficulty(double difficulty) {
        if (!(difficulty > 0) || Double.isInfinite(difficulty)) {
            throw new IllegalArgumentException("difficulty must be a finite positive number, got " + difficulty);
        }
    }
}
