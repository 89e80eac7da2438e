package org.tbg.pool.state;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Miner state in this process only: used when {@code redis_url} is not set (difficulties survive
 * reconnects but not a restart; signatures only come from {@link #setSignature}). Thread-safe.
 */
public final class InMemoryMinerStateStore implements MinerStateStore {
    private final ConcurrentHashMap<String, String> signatures = new ConcurrentHashMap<>();
    private final RememberedDifficulties difficulties;

    public InMemoryMinerStateStore() {
        this(RememberedDifficulties.TTL, RememberedDifficulties.MAX_WORKERS, Clock.systemUTC());
    }

    InMemoryMinerStateStore(Duration difficultyTtl, int maxWorkers, Clock clock) {
        this.difficulties = new RememberedDifficulties(difficultyTtl, maxWorkers, clock);
    }

    /**
     * Sets an address's signature, as the game API does in Redis; null or empty removes it.
     * @throws IllegalArgumentException when the text breaks {@link CoinbaseSignature}'s rule
     */
    public void setSignature(String address, String text) {
        if (text == null || text.isEmpty()) {
            signatures.remove(address);
            return;
        }
        CoinbaseSignature.problem(text).ifPresent(p -> {
            throw new IllegalArgumentException("coinbase signature for " + address + ": " + p);
        });
        signatures.put(address, text);
    }

    @Override
    public Optional<String> signatureFor(String address) {
        return Optional.ofNullable(signatures.get(address));
    }

    @Override
    public CompletionStage<Optional<String>> loadSignature(String address) {
        return CompletableFuture.completedFuture(signatureFor(address));
    }

    @Override
    public void remember(String worker, double difficulty) {
        MinerStateStore.checkDifficulty(difficulty);
        difficulties.put(worker, difficulty);
    }

    @Override
    public CompletionStage<OptionalDouble> lastDifficulty(String worker) {
        return CompletableFuture.completedFuture(difficulties.get(worker));
    }

    @Override
    public void close() {
        // nothing to release
    }
}
