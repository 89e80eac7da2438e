package org.tbg.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.tbg.pool.session.Session;
import org.tbg.pool.share.ShareHasher;
import org.tbg.pool.share.ShareResult;
import org.tbg.pool.share.ShareValidator;
import org.tbg.pool.work.CoinbaseWork;
import org.tbg.pool.work.Job;
import org.tbg.stratum.codec.StratumRequestDecoder;
import org.tbg.stratum.message.ClientLine;
import org.tbg.stratum.message.StratumRequest;

/**
 * The pool's share check on one thread, from a framed {@code mining.submit} line to the verdict,
 * plus its parts so the cost can be split: {@link #decode} (JSON line → request),
 * {@link #validate} (checks, coinbase, 12-deep merkle fold, header SHA-256d, duplicate and
 * difficulty) and {@link #hash} (the hashing inside validate alone).
 *
 * <p>Every share is a fresh, accepted share: 65,536 distinct nonces are cycled, and each cycle
 * starts with clean work (as a new block does), which clears the session's duplicate memory.
 * Setup checks that every line is accepted, and each iteration ends by checking that no measured
 * share was rejected, so the figures are those of the accepted path, not of an early reject.
 *
 * <p>Times are in microseconds: throughput in shares/µs (× 10^6 = shares/s), average in µs/share.
 * With {@code -t N} each thread has its own fixture (its own session and job), as sessions on
 * different event loops do.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// A fixed, pre-touched heap: GC sizing does not differ between runs, and first-touch page faults
// (which a long-running pool has long paid) stay out of the figures.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class ShareCheckBenchmark {
    /** Distinct submit lines; a power of two so the cursor wraps with a mask. */
    static final int LINES = 1 << 16;
    /** Fixed, so every run folds the same merkle branch. */
    private static final long TEMPLATE_SEED = 1;

    private ShareCheckFixture fixture;
    private ShareValidator validator;
    private Session session;
    private byte[][] lines;
    private JsonNode[] decodedParams;
    private int cursor;
    private long notAccepted;

    private final ShareHasher hasher = new ShareHasher();
    private Job job;
    private CoinbaseWork coinbase;
    private byte[] extranonce1;
    private int ntime;
    private int nonce;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        fixture = ShareCheckFixture.create(TEMPLATE_SEED);
        validator = fixture.validator();
        session = fixture.session();
        lines = fixture.submitLines(LINES);
        fixture.requireAllAccepted(lines);

        decodedParams = new JsonNode[LINES];
        for (int i = 0; i < LINES; i++) {
            decodedParams[i] = ((StratumRequest) StratumRequestDecoder.decode(lines[i], 0, lines[i].length)).params();
        }

        job = fixture.job();
        coinbase = job.coinbaseFor(session.payoutKey());
        extranonce1 = session.extranonce1();
        ntime = job.ntime();
    }

    /** The whole check, as the stratum handler runs it for each {@code mining.submit} line. */
    @Benchmark
    public ShareResult decodeAndValidate() {
        byte[] line = lines[nextShare()];
        StratumRequest request = (StratumRequest) StratumRequestDecoder.decode(line, 0, line.length);
        return counted(validator.validate(session, request.params(), System.currentTimeMillis()));
    }

    /** The JSON part alone: line bytes → request with its params tree. */
    @Benchmark
    public ClientLine decode() {
        byte[] line = lines[cursor++ & (LINES - 1)];
        return StratumRequestDecoder.decode(line, 0, line.length);
    }

    /** Everything after decoding: the validator on already-decoded params. */
    @Benchmark
    public ShareResult validate() {
        return counted(validator.validate(session, decodedParams[nextShare()], System.currentTimeMillis()));
    }

    /** The hashing inside validate alone: coinbase, txid, merkle fold, header, SHA-256d. */
    @Benchmark
    public byte[] hash() {
        return hasher.hash(job, coinbase, extranonce1, ShareCheckFixture.EXTRANONCE2, ntime, nonce++, job.version());
    }

    @TearDown(Level.Iteration)
    public void requireEveryShareAccepted() {
        if (notAccepted != 0) {
            throw new IllegalStateException(notAccepted + " measured shares were not accepted: the benchmark left the accepted path");
        }
    }

    /** The index of the next line; a new cycle first gets clean work so its shares are fresh again. */
    private int nextShare() {
        int i = cursor;
        cursor = (i + 1) & (LINES - 1);
        if (i == 0) {
            fixture.cleanWork();
        }
        return i;
    }

    private ShareResult counted(ShareResult r) {
        if (!r.accepted()) {
            notAccepted++;
        }
        return r;
    }
}
