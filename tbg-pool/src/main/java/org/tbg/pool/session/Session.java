package org.tbg.pool.session;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.pool.share.SubmittedShares;
import org.tbg.pool.stats.SessionBests;
import org.tbg.pool.work.PayoutKey;

/**
 * One stratum connection's state. Thread rule: read and written only on the connection's event loop.
 */
public final class Session {
    /** Jobs whose issue difficulty a session remembers; older jobs are judged at the current one. */
    private static final int JOB_DIFFICULTY_MEMORY = 64;

    private final long id;
    private final String remoteIp;
    private final long connectedMillis;
    private final Map<String, Worker> workers = new LinkedHashMap<>(2);
    private final Map<String, Double> jobDifficulty = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Double> eldest) {
            return size() > JOB_DIFFICULTY_MEMORY;
        }
    };
    private final SubmittedShares submitted = new SubmittedShares();
    private final SessionBests bests = new SessionBests();

    private String extranonce1Hex;
    private byte[] extranonce1;
    private String userAgent = "";
    private PayoutKey payoutKey;
    /** The miner's own coinbase text in the current payout key, or null when only the pool tag is used. */
    private String signature;
    private int versionMask;
    private int minerVersionMask;
    private boolean asicBoost;
    private double difficulty;
    private double nextDifficulty;
    private String lastJobId;
    private long sharesAccepted;
    private long sharesRejected;
    private long lastAcceptMillis;
    private long rejectStormStartMillis;
    private int rejectStormStage;
    private long lastTransactionsRequestMillis;

    public Session(long id, String remoteIp, long connectedMillis, double startDifficulty) {
        this.id = id;
        this.remoteIp = remoteIp;
        this.connectedMillis = connectedMillis;
        this.difficulty = startDifficulty;
        this.nextDifficulty = startDifficulty;
        this.lastAcceptMillis = connectedMillis;
    }

    public long id() { return id; }
    public String remoteIp() { return remoteIp; }
    public long connectedMillis() { return connectedMillis; }

    public boolean subscribed() {
        return extranonce1 != null;
    }

    public void subscribe(String extranonce1Hex, String userAgent) {
        this.extranonce1Hex = extranonce1Hex;
        this.extranonce1 = Hex.decode(extranonce1Hex);
        this.userAgent = userAgent == null ? "" : userAgent;
    }

    public String extranonce1Hex() { return extranonce1Hex; }
    public byte[] extranonce1() { return extranonce1; }
    public String userAgent() { return userAgent; }

    public Worker worker(String username) {
        return workers.get(username);
    }

    public boolean authorized() {
        return !workers.isEmpty();
    }

    public Map<String, Worker> workers() {
        return workers;
    }

    /** Adds a worker; the first one decides what this connection's work pays. */
    public void authorize(Worker w, byte[] tag) {
        workers.put(w.username(), w);
        if (payoutKey == null) {
            payoutKey = new PayoutKey(w.payout(), tag);
        }
    }

    public PayoutKey payoutKey() { return payoutKey; }

    public String signature() { return signature; }

    /** The miner's coinbase text changed (set, changed or gone): jobs from now on carry {@code tag}. */
    public void retag(byte[] tag, String signature) {
        this.payoutKey = new PayoutKey(payoutKey.payout(), tag);
        this.signature = signature;
    }

    /** The worker whose address this connection's work pays (the first one authorized), or null. */
    public Worker firstWorker() {
        return workers.isEmpty() ? null : workers.values().iterator().next();
    }

    /** The negotiated BIP310 mask (pool's ∩ miner's); 0 without {@code mining.configure}. */
    public int versionMask() { return versionMask; }

    /** The mask the miner asked for in {@code mining.configure}. */
    public int minerVersionMask() { return minerVersionMask; }

    public void versionMask(int negotiated, int minerMask) {
        this.versionMask = negotiated;
        this.minerVersionMask = minerMask;
    }

    /** True once a share of this session rolled version bits (ASICBoost). */
    public boolean asicBoost() { return asicBoost; }

    /** Marks the session as rolling version bits; true the first time only. */
    public boolean markAsicBoost() {
        boolean first = !asicBoost;
        asicBoost = true;
        return first;
    }

    /** The difficulty of the last job sent. */
    public double difficulty() { return difficulty; }

    /** The difficulty the next job will carry. */
    public double nextDifficulty() { return nextDifficulty; }
    public void nextDifficulty(double d) { this.nextDifficulty = d; }


    /**
     * Records that {@code jobId} goes out now at the next difficulty.
     * @return true when the difficulty changed (a {@code set_difficulty} must precede the notify)
     */
    public boolean issue(String jobId, boolean cleanJobs) {
        boolean changed = nextDifficulty != difficulty || lastJobId == null;
        difficulty = nextDifficulty;
        jobDifficulty.put(jobId, difficulty);
        lastJobId = jobId;
        if (cleanJobs) {
            submitted.clear();
        }
        return changed;
    }

    /** The difficulty {@code jobId} was issued at, or NaN when it was never sent to this session. */
    public double difficultyOf(String jobId) {
        Double d = jobDifficulty.get(jobId);
        return d == null ? Double.NaN : d;
    }

    public String lastJobId() { return lastJobId; }

    public SubmittedShares submitted() { return submitted; }

    /** This connection's best shares (the "session" scope of personal records). */
    public SessionBests bests() { return bests; }

    public void accepted(long nowMillis) {
        sharesAccepted++;
        lastAcceptMillis = nowMillis;
        rejectStormStartMillis = 0;
        rejectStormStage = 0;
    }

    /**
     * Counts a reject and says how far into a reject-only streak this session is:
     * 0 nothing to do, 1 (≥60 s) send fresh work, 2 (≥120 s) ask to reconnect, 3 (≥180 s) close.
     * Each stage is returned once.
     */
    public int rejected(long nowMillis) {
        sharesRejected++;
        if (rejectStormStartMillis == 0) {
            rejectStormStartMillis = nowMillis;
        }
        long streak = nowMillis - Math.max(rejectStormStartMillis, lastAcceptMillis);
        int stage = streak >= 180_000 ? 3 : streak >= 120_000 ? 2 : streak >= 60_000 ? 1 : 0;
        if (stage > rejectStormStage) {
            rejectStormStage = stage;
            return stage;
        }
        return 0;
    }

    public long sharesAccepted() { return sharesAccepted; }
    public long sharesRejected() { return sharesRejected; }

    /** Allows {@code mining.get_transactions} at most once per {@code intervalMillis}. */
    public boolean allowTransactionsRequest(long nowMillis, long intervalMillis) {
        if (nowMillis - lastTransactionsRequestMillis < intervalMillis) {
            return false;
        }
        lastTransactionsRequestMillis = nowMillis;
        return true;
    }
}
