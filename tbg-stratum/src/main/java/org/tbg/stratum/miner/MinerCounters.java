package org.tbg.stratum.miner;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** The miner's live counters; updated from hashing threads and the event loop, read by anyone. */
final class MinerCounters {
    private final LongAdder hashes = new LongAdder();
    private final LongAdder submitted = new LongAdder();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder blocks = new LongAdder();
    private final Map<String, LongAdder> rejectsByReason = new ConcurrentHashMap<>();

    void addHashes(long n) {
        hashes.add(n);
    }

    void submitted() {
        submitted.increment();
    }

    void accepted() {
        accepted.increment();
    }

    /** Counts an accepted block candidate; returns the total so far. */
    long blockFound() {
        blocks.increment();
        return blocks.sum();
    }

    void rejected(String reason) {
        rejected.increment();
        rejectsByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    long hashes() {
        return hashes.sum();
    }

    MinerStats snapshot() {
        Map<String, Long> reasons = new TreeMap<>();
        rejectsByReason.forEach((reason, n) -> reasons.put(reason, n.sum()));
        return new MinerStats(hashes.sum(), submitted.sum(), accepted.sum(), rejected.sum(), blocks.sum(), reasons);
    }
}
