package org.tbg.pool.server;

import java.util.Optional;
import java.util.OptionalDouble;
import org.tbg.pool.difficulty.DifficultyChange;
import org.tbg.pool.difficulty.Vardiff;
import org.tbg.pool.session.Session;

/**
 * Where one connection's difficulty decisions are taken: vardiff's, the miner's own minimum and a
 * remembered difficulty all end here, so each reaches the miner the same way (with the next job)
 * and is counted and reported once, whoever made it.
 *
 * <p>Thread rule: the connection's event loop.
 */
final class ConnectionDifficulty {
    /** This connection's difficulty controller (spec/stratum.md "Difficulty"); the only thing that decides it. */
    private final Vardiff vardiff;
    private final Session session;
    private final StratumContext pool;
    /** The miner asked for a difficulty on this connection: that wins over a remembered one. */
    private boolean minerSuggested;

    ConnectionDifficulty(Vardiff vardiff, Session session, StratumContext pool) {
        this.vardiff = vardiff;
        this.session = session;
        this.pool = pool;
    }

    /** An accepted share judged at {@code targetDiff}; true when the difficulty changed. */
    boolean onShare(double targetDiff) {
        return apply(vardiff.onShare(monotonicMillis(), targetDiff), "vardiff");
    }

    /** Before each job: the block's difficulty caps ours, and a connection gone quiet decays. */
    void beforeJob(double networkDifficulty) {
        long mono = monotonicMillis();
        apply(vardiff.networkDifficulty(networkDifficulty, mono), "vardiff");
        apply(vardiff.onTick(mono), "vardiff");
    }

    /**
     * A miner's own minimum (suggest_difficulty, minimum-difficulty, {@code d=}): vardiff works above
     * it, and the pool's {@code mindiff} still bounds it. Applies from the next job.
     */
    void suggest(double d, String reason) {
        minerSuggested = true;
        apply(vardiff.suggest(d, monotonicMillis()), reason);
    }

    /** A reconnecting worker that asks for nothing starts at its last difficulty (within the pool's bounds). */
    void restore(OptionalDouble remembered) {
        if (remembered.isEmpty() || minerSuggested || session.lastJobId() != null) {
            return;
        }
        apply(vardiff.restore(remembered.getAsDouble(), monotonicMillis()), "restored");
    }

    /** Takes a difficulty decision: it goes out with the next job sent to this connection. */
    private boolean apply(Optional<DifficultyChange> change, String reason) {
        if (change.isEmpty()) {
            return false;
        }
        DifficultyChange c = change.get();
        session.nextDifficulty(c.to());
        if (reason.equals("vardiff")) {
            pool.stats().vardiffAdjusted(c.up());
        }
        pool.events().difficultyChanged(session, c.from(), c.to(), reason, c.sharesPerSecond());
        return true;
    }

    static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
