package org.tbg.pool.state;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Addresses' coinbase signatures as last read from Redis, and when each was last asked for.
 * Thread-safe: event loops {@link #ask}; the store's threads {@link #apply} what Redis answered.
 * Entries are replaced never, only updated through volatile fields.
 */
public final class SignatureCache {
    private static final Logger log = LoggerFactory.getLogger(SignatureCache.class);

    /** One address. Thread rule: fields are volatile; {@code firstRead} is completed once. */
    public static final class Entry {
        private volatile Optional<String> signature = Optional.empty();
        private volatile long lastAskedMillis;
        private volatile boolean loaded;
        /** The last invalid text logged for this address, so each bad value is logged once. */
        private volatile String rejectedText;
        private final CompletableFuture<Optional<String>> firstRead = new CompletableFuture<>();

        private Entry(long nowMillis) {
            this.lastAskedMillis = nowMillis;
        }

        public Optional<String> signature() { return signature; }
        public boolean loaded() { return loaded; }
        public CompletableFuture<Optional<String>> firstRead() { return firstRead; }
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int maxAddresses;
    private final Consumer<String> onNewAddress;

    /** @param onNewAddress told of every address added, to read it (called on the asking thread; must not block) */
    public SignatureCache(int maxAddresses, Consumer<String> onNewAddress) {
        this.maxAddresses = maxAddresses;
        this.onNewAddress = onNewAddress;
    }

    /** The address's entry, marked as asked for now; a new one when unknown; null when the cache is full. */
    public Entry ask(String address, long nowMillis) {
        Entry e = entries.get(address);
        if (e == null) {
            if (entries.size() >= maxAddresses) {
                return null;
            }
            Entry fresh = new Entry(nowMillis);
            e = entries.putIfAbsent(address, fresh);
            if (e == null) {
                onNewAddress.accept(address);
                return fresh;
            }
        }
        e.lastAskedMillis = nowMillis;
        return e;
    }

    /** Takes what Redis holds for the address (null when no key); an invalid text counts as none. */
    public void apply(String address, String text) {
        Entry e = entries.get(address);
        if (e == null) {
            return; // evicted while the read was under way
        }
        Optional<String> signature = Optional.empty();
        if (text != null && !text.isEmpty()) {
            Optional<String> problem = CoinbaseSignature.problem(text);
            if (problem.isEmpty()) {
                signature = Optional.of(text);
                e.rejectedText = null;
            } else if (!text.equals(e.rejectedText)) {
                e.rejectedText = text;
                log.info("ignoring the coinbase signature of {}: {}; its blocks carry the pool's btcsig only",
                        address, problem.get());
            }
        } else {
            e.rejectedText = null;
        }
        e.signature = signature;
        e.loaded = true;
        e.firstRead.complete(signature);
    }

    /** A read failed: keep what is known, but let whoever waits on the first read go on without it. */
    public void readFailed(String address) {
        Entry e = entries.get(address);
        if (e != null) {
            e.firstRead.complete(e.signature);
        }
    }

    /** Drops addresses not asked for since {@code cutoffMillis}; returns how many. */
    public int evictAskedBefore(long cutoffMillis) {
        int removed = 0;
        for (var it = entries.values().iterator(); it.hasNext(); ) {
            if (it.next().lastAskedMillis < cutoffMillis) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    public List<String> addresses() {
        return new ArrayList<>(entries.keySet());
    }

    public int size() {
        return entries.size();
    }
}
