package org.tbg.pool.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.address.InvalidAddressException;
import org.tbg.bitcoin.address.PayoutScript;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.rpc.TemplateTransaction;
import org.tbg.pool.PoolSettings;
import org.tbg.pool.difficulty.DifficultyBounds;
import org.tbg.pool.difficulty.DifficultyChange;
import org.tbg.pool.difficulty.Vardiff;
import org.tbg.pool.limits.AuthorizationBackoff;
import org.tbg.pool.limits.InvalidShareStorm;
import org.tbg.pool.node.NodeUnavailableException;
import org.tbg.pool.node.PayoutResolver;
import org.tbg.pool.session.Session;
import org.tbg.pool.session.Worker;
import org.tbg.pool.session.WorkerName;
import org.tbg.pool.share.ShareResult;
import org.tbg.pool.stats.RecordBreak;
import org.tbg.pool.stats.RecordHolder;
import org.tbg.pool.stats.RecordScope;
import org.tbg.pool.work.CoinbaseWork;
import org.tbg.pool.work.Job;
import org.tbg.stratum.codec.StratumJson;
import org.tbg.stratum.message.MalformedLine;
import org.tbg.stratum.message.StratumError;
import org.tbg.stratum.message.StratumRequest;

/**
 * One miner connection: dispatches stratum methods, sends work, answers shares.
 * Thread rule: every method runs on the channel's event loop ({@link #offerJob} hops onto it).
 */
public final class StratumSessionHandler extends SimpleChannelInboundHandler<Object> {
    private static final Logger log = LoggerFactory.getLogger(StratumSessionHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Minimum spacing of {@code mining.get_transactions} answers per connection. */
    static final long TRANSACTIONS_REQUEST_INTERVAL_MILLIS = 1_000;
    /**
     * After a protocol error the pool shuts its side and ignores input this long before closing:
     * closing on unread input resets the connection, which can destroy the error reply unread.
     */
    static final long LINGER_MILLIS = 1_000;

    private final StratumContext pool;
    private ChannelHandlerContext ctx;
    private Session session;
    /** This connection's difficulty controller (spec/stratum.md "Difficulty"); the only thing that decides it. */
    private Vardiff vardiff;
    /** The miner asked for a difficulty on this connection: that wins over a remembered one. */
    private boolean minerSuggested;
    private boolean sentFirstJob;
    /** Why the connection ended, for the disconnect event: clean, timeout, error, kicked or pool_shutdown. */
    private String closeReason = "clean";
    /** Set once the pool has decided to close: input is ignored from then on. */
    private boolean closing;
    private InetAddress address;
    private InvalidShareStorm storm;
    private final AuthorizationBackoff authBackoff = new AuthorizationBackoff();

    public StratumSessionHandler(StratumContext pool) {
        this.pool = pool;
    }

    // ---- lifecycle ------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        PoolSettings s = pool.settings();
        address = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        String ip = address != null ? address.getHostAddress() : "?";
        vardiff = new Vardiff(s.vardiff(), DifficultyBounds.of(s.minDiff(), s.maxDiff()), s.startDiff(), monotonicMillis());
        session = new Session(pool.sessions().nextId(), ip, System.currentTimeMillis(), vardiff.difficulty());
        storm = new InvalidShareStorm(s.limits().invalidSharesPerMinute(), System.nanoTime());
        pool.stats().connections().incrementAndGet();
        pool.sessions().add(this);
        long timeout = s.limits().authTimeout().toMillis();
        ctx.executor().schedule(() -> {
            if (!session.authorized() && ctx.channel().isActive()) {
                log.info("closing connection {} from {}: not authorized within {} s", session.id(), ip, timeout / 1000);
                close("timeout");
            }
        }, timeout, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        pool.stats().connections().decrementAndGet();
        try {
            connectionEnded();
        } finally {
            // Last: shutdown waits for the registry to empty, and by then the disconnect must be reported.
            pool.sessions().remove(this);
        }
    }

    private void connectionEnded() {
        if (session.subscribed()) {
            pool.extranonces().release(session.extranonce1Hex(), System.currentTimeMillis());
        }
        if (session.asicBoost()) {
            pool.stats().asicBoostMiners().decrementAndGet();
        }
        if (session.authorized()) {
            pool.stats().authorizedConnections().decrementAndGet();
            pool.minerState().remember(session.firstWorker().name().fullName(), session.difficulty());
            pool.events().minerDisconnected(session, closeReason);
            log.info("miner {} disconnected from {} after {} s: {} accepted, {} rejected",
                    firstWorkerName(), session.remoteIp(), (System.currentTimeMillis() - session.connectedMillis()) / 1000,
                    session.sharesAccepted(), session.sharesRejected());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            if (!closing) {
                log.info("closing connection {} from {}: line longer than {} bytes", session.id(), session.remoteIp(),
                        pool.settings().limits().maxLineBytes());
                sendAndClose(StratumJson.error("null", StratumError.OTHER, "Line too long"));
            }
        } else if (cause instanceof IOException) {
            close("error"); // the peer went away; nothing to tell anyone
        } else {
            log.error("closing connection {} from {} after an internal error", session.id(), session.remoteIp(), cause);
            close("error");
        }
    }

    // ---- dispatch -------------------------------------------------------------------------

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            return; // the connection is on its way out; the superclass releases what came
        }
        if (msg instanceof MalformedLine bad) {
            log.info("closing connection {} from {}: {}", session.id(), session.remoteIp(), bad.reason());
            sendAndClose(StratumJson.error(bad.rawId() == null ? "null" : bad.rawId(), StratumError.OTHER, bad.reason()));
            return;
        }
        StratumRequest req = (StratumRequest) msg;
        switch (req.method()) {
            case "mining.submit" -> submit(req);
            case "mining.subscribe" -> subscribe(req);
            case "mining.authorize" -> authorize(req);
            case "mining.configure" -> configure(req);
            case "mining.suggest_difficulty" -> suggestDifficulty(req);
            case "mining.extranonce.subscribe" -> send(StratumJson.result(req.rawId(), true));
            case "mining.get_transactions" -> transactions(req);
            default -> {
                send(StratumJson.error(req.rawId(), StratumError.OTHER, "Unknown method"));
                onStormStep(storm.onReject(System.nanoTime())); // a stream of junk requests is a storm too
            }
        }
    }

    private void subscribe(StratumRequest req) {
        if (!session.subscribed()) {
            String resume = req.stringParam(1);
            if (resume != null && !Hex.isHex(resume, pool.extranonces().length())) {
                resume = null;
            }
            String en1 = pool.extranonces().allocate(resume, System.currentTimeMillis());
            session.subscribe(en1, MinerText.printable(req.stringParam(0), MinerText.MAX_USER_AGENT));
        }
        String en1 = session.extranonce1Hex();
        send(StratumJson.subscribeResult(req.rawId(), en1, en1, pool.settings().nonce2Length()));
        sendCurrentJob();
    }

    private void authorize(StratumRequest req) {
        if (!authBackoff.tryStart()) {
            send(StratumJson.reject(req.rawId(), StratumError.OTHER, "too many authorizations in progress"));
            return;
        }
        String username = req.stringParam(0);
        String password = req.stringParam(1);
        if (username == null || username.isBlank() || username.length() > WorkerName.MAX_LENGTH
                || MinerText.hasControlCharacters(username)) {
            authorizationFailed(req, "invalid username");
            return;
        }
        if (session.worker(username) != null) {
            authBackoff.done();
            send(StratumJson.result(req.rawId(), true));
            return;
        }
        WorkerName name = WorkerName.parse(username);
        CompletableFuture<PayoutScript> payout = pool.payouts().resolve(name.address());
        CompletableFuture<OptionalDouble> remembered = session.authorized()
                ? CompletableFuture.completedFuture(OptionalDouble.empty())
                : pool.minerState().lastDifficulty(name.fullName()).toCompletableFuture();
        pool.minerState().signatureFor(name.address()); // starts the first read; the first job may carry btcsig alone
        payout.whenComplete((script, err) -> remembered.whenComplete((last, ignored) -> ctx.executor().execute(() -> {
            if (ctx.channel().isActive() && !closing) {
                authorized(req, username, name, password, script, err, last == null ? OptionalDouble.empty() : last);
            }
        })));
    }

    /** The rest of {@code mining.authorize}, back on the event loop once the address (and any remembered difficulty) is known. */
    private void authorized(StratumRequest req, String username, WorkerName name, String password, PayoutScript payout,
                            Throwable err, OptionalDouble remembered) {
        if (err != null) {
            Throwable cause = PayoutResolver.unwrap(err);
            if (cause instanceof InvalidAddressException bad) {
                log.info("authorize refused for {} from {}: invalid address: {}", username, session.remoteIp(), bad.reason());
                authorizationFailed(req, "invalid address: " + bad.reason());
            } else if (cause instanceof NodeUnavailableException) {
                authBackoff.done(); // the pool's problem, not the miner's
                send(StratumJson.reject(req.rawId(), StratumError.OTHER, "cannot check the address now: " + cause.getMessage()));
            } else {
                log.error("authorize of {} failed", username, cause);
                authBackoff.done();
                send(StratumJson.reject(req.rawId(), StratumError.OTHER, "internal error"));
            }
            return;
        }
        if (session.payoutKey() != null && !session.payoutKey().payout().equals(payout)) {
            // The connection's work pays its first address; a second address would mine for the first.
            authorizationFailed(req, "this connection already mines for another address; open a new connection");
            return;
        }
        authBackoff.done();
        boolean first = !session.authorized();
        session.authorize(new Worker(username, name, payout), pool.poolTag());
        applyPasswordDifficulty(password);
        if (first) {
            pool.stats().authorizedConnections().incrementAndGet();
            restoreDifficulty(remembered);
        }
        pool.events().minerConnected(session, session.worker(username));
        log.info("miner {} authorized from {} ({}, {}) agent '{}'", name.fullName(), session.remoteIp(),
                payout.type().label(), session.extranonce1Hex(), session.userAgent());
        send(StratumJson.result(req.rawId(), true));
        sendCurrentJob();
    }

    /**
     * Answers a refused authorization: the first at once, later ones after a growing delay, and
     * closes the connection once it has failed too often ({@link AuthorizationBackoff}).
     */
    private void authorizationFailed(StratumRequest req, String reason) {
        long delay = authBackoff.failed();
        byte[] reply = StratumJson.reject(req.rawId(), StratumError.UNAUTHORIZED, reason);
        Runnable answer = () -> {
            authBackoff.done();
            if (!ctx.channel().isActive() || closing) {
                return;
            }
            send(reply);
            if (authBackoff.exhausted()) {
                log.info("closing connection {} from {}: {} failed authorizations", session.id(), session.remoteIp(),
                        AuthorizationBackoff.MAX_FAILURES);
                close("kicked");
            }
        };
        if (delay == 0) {
            answer.run();
        } else {
            ctx.executor().schedule(answer, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** A reconnecting worker that asks for nothing starts at its last difficulty (within the pool's bounds). */
    private void restoreDifficulty(OptionalDouble remembered) {
        if (remembered.isEmpty() || minerSuggested || session.lastJobId() != null) {
            return;
        }
        apply(vardiff.restore(remembered.getAsDouble(), monotonicMillis()), "restored");
    }

    /** ckpool's convention: a password {@code d=<number>} asks for a (minimum) difficulty. */
    private void applyPasswordDifficulty(String password) {
        if (password == null) {
            return;
        }
        for (String part : password.split("[,; ]")) {
            if (part.startsWith("d=")) {
                try {
                    suggest(Double.parseDouble(part.substring(2)), "password");
                } catch (NumberFormatException ignored) {
                    // not a number: the password is just a password
                }
            }
        }
    }

    private void configure(StratumRequest req) {
        JsonNode exts = req.params().path(0);
        JsonNode opts = req.params().path(1);
        if (!exts.isArray()) {
            send(StratumJson.error(req.rawId(), StratumError.OTHER, "Invalid configure: expected a list of extensions"));
            return;
        }
        ObjectNode result = JSON.createObjectNode();
        for (JsonNode e : exts) {
            String ext = e.asText();
            switch (ext) {
                case "version-rolling" -> {
                    int minerMask = parseMask(opts.path("version-rolling.mask").asText("ffffffff"));
                    int mask = pool.settings().versionMask() & minerMask;
                    session.versionMask(mask, minerMask);
                    result.put("version-rolling", true);
                    result.put("version-rolling.mask", String.format("%08x", mask));
                }
                case "minimum-difficulty" -> {
                    JsonNode v = opts.path("minimum-difficulty.value");
                    if (v.isNumber() && v.asDouble() > 0 && Double.isFinite(v.asDouble())) {
                        suggest(v.asDouble(), "suggested");
                    }
                    result.put("minimum-difficulty", true);
                }
                default -> result.put(ext, false);
            }
        }
        send(StratumJson.resultRaw(req.rawId(), result.toString()));
    }

    private static int parseMask(String hex) {
        try {
            return (int) Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void suggestDifficulty(StratumRequest req) {
        JsonNode v = req.params().path(0);
        double d = v.isNumber() ? v.asDouble() : v.isTextual() ? parseOrNaN(v.asText()) : Double.NaN;
        if (!(d > 0) || Double.isInfinite(d)) {
            send(StratumJson.error(req.rawId(), StratumError.OTHER, "Invalid difficulty"));
            return;
        }
        suggest(d, "suggested");
        send(StratumJson.result(req.rawId(), true));
    }

    /**
     * A miner's own minimum (suggest_difficulty, minimum-difficulty, {@code d=}): vardiff works above
     * it, and the pool's {@code mindiff} still bounds it. Applies from the next job.
     */
    private void suggest(double d, String reason) {
        minerSuggested = true;
        apply(vardiff.suggest(d, monotonicMillis()), reason);
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

    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }

    private static double parseOrNaN(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void transactions(StratumRequest req) {
        if (!session.allowTransactionsRequest(System.currentTimeMillis(), TRANSACTIONS_REQUEST_INTERVAL_MILLIS)) {
            send(StratumJson.error(req.rawId(), StratumError.OTHER, "Too many requests"));
            return;
        }
        Job job = req.stringParam(0) == null ? pool.work().current() : pool.work().find(req.stringParam(0));
        if (job == null) {
            send(StratumJson.error(req.rawId(), StratumError.JOB_NOT_FOUND, StratumError.JOB_NOT_FOUND.text()));
            return;
        }
        ArrayNode ids = JSON.createArrayNode();
        for (TemplateTransaction t : job.template().transactions()) {
            ids.add(Hex.encode(Bytes.reversed(t.txid())));
        }
        send(StratumJson.resultRaw(req.rawId(), ids.toString()));
    }

    // ---- shares ---------------------------------------------------------------------------

    private void submit(StratumRequest req) {
        long started = System.nanoTime();
        long now = System.currentTimeMillis();
        ShareResult r;
        if (!session.subscribed()) {
            r = ShareResult.refused(StratumError.NOT_SUBSCRIBED);
        } else if (!session.authorized()) {
            r = ShareResult.refused(StratumError.UNAUTHORIZED);
        } else {
            r = pool.validator().validate(session, req.params(), now);
        }
        if (r.block() != null) {
            pool.stats().blockFound();
            pool.blocks().submit(r.block());
        }
        if (r.accepted()) {
            session.accepted(now);
            pool.stats().shareAccepted(r.targetDiff());
            send(StratumJson.result(req.rawId(), true));
        } else {
            pool.stats().shareRejected(r.reason());
            send(StratumJson.reject(req.rawId(), r.error(), r.reason()));
        }
        pool.stats().shareProcessed(System.nanoTime() - started);
        pool.events().shareSubmitted(session, req.stringParam(0), req.stringParam(1), r);
        if (r.accepted()) {
            detectAsicBoost(req.stringParam(5));
            recordShare(r, now);
            if (apply(vardiff.onShare(monotonicMillis(), r.targetDiff()), "vardiff")) {
                reissueCurrentJob();
            }
        }
        if (!r.accepted()) {
            if (log.isDebugEnabled()) {
                log.debug("share rejected from {} ({}): {}", session.remoteIp(), MinerText.printable(req.stringParam(0), 160), r.reason());
            }
            onReject(now);
            onStormStep(storm.onReject(System.nanoTime()));
        }
    }

    /** The first accepted share with rolled version bits marks the session (metrics, events). */
    private void detectAsicBoost(String versionBits) {
        if (versionBits == null || session.asicBoost() || Integer.parseUnsignedInt(versionBits, 16) == 0) {
            return;
        }
        session.markAsicBoost();
        pool.stats().asicBoostMiners().incrementAndGet();
        pool.events().asicBoostDetected(session, pool.settings().versionMask(), session.minerVersionMask());
        log.info("miner {} rolls version bits (ASICBoost, mask {})", firstWorkerName(), String.format("%08x", session.versionMask()));
    }

    /** Hashrate from the difficulty the share was asked at; records from the difficulty it reached. */
    private void recordShare(ShareResult r, long now) {
        WorkerName name = r.worker().name();
        pool.hashrates().record(name, r.targetDiff(), now);
        List<RecordBreak> broken = pool.bests().onShare(session.bests(), name, r.shareDiff(), now);
        if (broken.isEmpty()) {
            return;
        }
        String hash = Hex.encode(Bytes.reversed(r.hash()));
        for (RecordBreak b : broken) {
            if (b.scope() == RecordScope.ALL_TIME && b.holder() == RecordHolder.WORKER) {
                log.info("miner {} set an all-time best difficulty {} (was {})", name.fullName(), b.newBest(), b.previousBest());
            }
            pool.events().bestDifficulty(session, r.worker(), b, hash);
        }
    }

    /** A connection that only produces rejects gets fresh work, then a reconnect request, then is closed. */
    private void onReject(long now) {
        switch (session.rejected(now)) {
            case 1 -> sendJob(pool.work().current(), true);
            case 2 -> {
                log.info("miner {} from {} has only had rejects for 120 s: asking it to reconnect", firstWorkerName(), session.remoteIp());
                send(StratumJson.reconnect(null, null, null));
            }
            case 3 -> {
                log.info("closing miner {} from {}: only rejects for 180 s", firstWorkerName(), session.remoteIp());
                close("kicked");
            }
            default -> { }
        }
    }

    /** The invalid-share storm sequence ({@code limits.invalid_shares_per_min}): fresh work, reconnect, close and ban. */
    private void onStormStep(InvalidShareStorm.Step step) {
        if (closing || step == InvalidShareStorm.Step.NONE) {
            return;
        }
        int perMinute = pool.settings().limits().invalidSharesPerMinute();
        switch (step) {
            case FRESH_WORK -> {
                log.info("miner {} from {}: more than {} rejects a minute: sending fresh work", firstWorkerName(), session.remoteIp(), perMinute);
                sendJob(pool.work().current(), true);
            }
            case RECONNECT -> {
                log.info("miner {} from {}: rejects go on: asking it to reconnect", firstWorkerName(), session.remoteIp());
                send(StratumJson.reconnect(null, null, null));
            }
            case CLOSE -> {
                boolean banned = address != null && pool.limiter().ban(address, System.nanoTime());
                if (banned) {
                    pool.stats().banned();
                }
                log.info("closing miner {} from {}: invalid-share storm{}", firstWorkerName(), session.remoteIp(),
                        banned ? "; address banned for " + pool.settings().limits().banDuration().toSeconds() + " s" : "");
                close("kicked");
            }
            default -> { }
        }
    }

    // ---- work -----------------------------------------------------------------------------

    /** Called from the template thread: hop onto this connection's event loop. */
    void offerJob(Job job) {
        if (ctx != null) {
            ctx.executor().execute(() -> sendJob(job, false));
        }
    }

    /**
     * The pool is going away: ask the miner to reconnect to the same address (no params), where a
     * new pool process takes it. The connection keeps being served until the miner leaves.
     */
    void requestReconnect() {
        if (ctx != null) {
            ctx.executor().execute(() -> {
                if (ctx.channel().isActive() && !closing) {
                    closeReason = "pool_shutdown";
                    send(StratumJson.reconnect(null, null, null));
                }
            });
        }
    }

    /** Closes the connection for the pool's shutdown; the future completes once it is closed. */
    ChannelFuture closeForShutdown() {
        ctx.executor().execute(() -> {
            if (!closing) {
                close("pool_shutdown");
            }
        });
        return ctx.channel().closeFuture();
    }

    /**
     * The current work again under a fresh id, so a new difficulty applies now rather than at the
     * next template (a fast miner at a low start difficulty would flood the pool until then); shares
     * on the old id stay judged at the old difficulty.
     */
    private void reissueCurrentJob() {
        Job current = pool.work().current();
        if (current != null) {
            Job again = pool.jobs().reissue(current);
            pool.work().register(again);
            sendJob(again, false);
        }
    }

    private void sendCurrentJob() {
        Job job = pool.work().current();
        if (job != null) {
            sendJob(job, false);
        }
    }

    private void sendJob(Job job, boolean forceClean) {
        if (job == null || !session.subscribed() || !session.authorized() || !ctx.channel().isActive()) {
            return;
        }
        if (!ctx.channel().isWritable()) {
            // The miner is not reading; work piling up in its buffer would only grow our memory.
            log.info("closing miner {} from {}: not reading its work", firstWorkerName(), session.remoteIp());
            close("kicked");
            return;
        }
        boolean clean = job.cleanJobs() || forceClean || !sentFirstJob;
        sentFirstJob = true;
        followSignature();
        long mono = monotonicMillis();
        apply(vardiff.networkDifficulty(job.networkDifficulty(), mono), "vardiff");
        apply(vardiff.onTick(mono), "vardiff");
        CoinbaseWork cb = job.coinbaseFor(session.payoutKey());
        if (session.issue(job.id(), clean)) {
            ctx.write(Unpooled.wrappedBuffer(StratumJson.setDifficulty(session.difficulty())));
            pool.minerState().remember(session.firstWorker().name().fullName(), session.difficulty());
        }
        send(StratumJson.notify(job.id(), job.prevHashStratum(), cb.coinb1Hex(), cb.coinb2Hex(), job.merkleBranchHex(),
                job.versionHex(), job.bitsHex(), job.ntimeHex(), clean));
    }

    /** The miner's own coinbase text (Redis {@code user_coinbase:<address>}) as it is now; the pool tag alone without one. */
    private void followSignature() {
        String now = pool.minerState().signatureFor(session.firstWorker().name().address()).orElse(null);
        if (Objects.equals(now, session.signature())) {
            return;
        }
        byte[] tag = now == null ? pool.poolTag() : Bytes.concat(pool.poolTag(), now.getBytes(StandardCharsets.US_ASCII));
        session.retag(tag, now);
        log.info("miner {}: coinbase signature {}", session.firstWorker().name().fullName(), now == null ? "removed" : "'" + now + "'");
    }

    // ---- output ---------------------------------------------------------------------------

    private void send(byte[] line) {
        ctx.writeAndFlush(Unpooled.wrappedBuffer(line), ctx.voidPromise());
    }

    /**
     * After a protocol error: the reply goes out, our side shuts, and input is ignored until the
     * client closes or {@link #LINGER_MILLIS} pass (see there).
     */
    private void sendAndClose(byte[] line) {
        if (closing) {
            return;
        }
        closing = true;
        closeReason = "error";
        ctx.writeAndFlush(Unpooled.wrappedBuffer(line)).addListener(written -> {
            if (written.isSuccess() && ctx.channel() instanceof DuplexChannel duplex && ctx.channel().isActive()) {
                duplex.shutdownOutput();
                ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                ctx.close();
            }
        });
    }

    private void close(String reason) {
        closing = true;
        closeReason = reason;
        ctx.close();
    }

    private String firstWorkerName() {
        return session.workers().isEmpty() ? "?" : session.workers().values().iterator().next().name().fullName();
    }
}
