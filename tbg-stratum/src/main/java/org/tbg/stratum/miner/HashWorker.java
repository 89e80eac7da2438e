package org.tbg.stratum.miner;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.hash.Sha256d;
import org.tbg.stratum.work.StratumWork;

/**
 * One hashing thread: takes a unit of the current job, scans its 2^32 nonces, hands hashes that
 * meet a target to the sink, and moves to the newest job within {@link #CHECK_INTERVAL} hashes of
 * it being published. Owns its digest and buffers; shares nothing mutable but the counters.
 */
final class HashWorker implements Runnable {
    /** Hashes between looks at the current job and the stop flag (about 10 ms on one core). */
    static final int CHECK_INTERVAL = 1 << 14;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long NONCE_SPACE = 1L << 32;

    private final Supplier<MiningJob> currentJob;
    private final Consumer<FoundShare> sink;
    private final MinerCounters counters;
    private final BooleanSupplier stopped;
    private final Sha256d sha = new Sha256d();
    private final byte[] hash = new byte[32];

    HashWorker(Supplier<MiningJob> currentJob, Consumer<FoundShare> sink, MinerCounters counters, BooleanSupplier stopped) {
        this.currentJob = currentJob;
        this.sink = sink;
        this.counters = counters;
        this.stopped = stopped;
    }

    @Override
    public void run() {
        while (!stopped.getAsBoolean()) {
            MiningJob job = currentJob.get();
            if (job == null) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            scan(job, job.nextUnit());
        }
    }

    /** Scans one unit; returns early when the job is replaced or the miner stops. */
    private void scan(MiningJob job, WorkUnit unit) {
        byte[] header = job.header(unit);
        long counted = 0;
        for (long nonce = 0; nonce < NONCE_SPACE; nonce++) {
            Bytes.writeInt32LE((int) nonce, header, StratumWork.NONCE_OFFSET);
            sha.hash(header, 0, header.length, hash, 0);
            boolean share = job.shareTarget().isMetBy(hash);
            boolean block = job.networkTarget().isMetBy(hash);
            if (share || (block && job.claimBlockCandidate())) {
                sink.accept(new FoundShare(job, unit, (int) nonce, hash.clone(), block));
            }
            if ((nonce & (CHECK_INTERVAL - 1)) == CHECK_INTERVAL - 1) {
                counters.addHashes(nonce + 1 - counted);
                counted = nonce + 1;
                if (stopped.getAsBoolean() || currentJob.get() != job) {
                    return;
                }
            }
        }
        counters.addHashes(NONCE_SPACE - counted);
    }
}
