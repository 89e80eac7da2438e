package org.tbg.pool.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.rpc.TemplateTransaction;
import org.tbg.pool.PoolSettings;
import org.tbg.pool.difficulty.DifficultyBounds;
import org.tbg.pool.difficulty.Vardiff;
import org.tbg.pool.session.Session;
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
 * One miner connection: dispatches stratum methods, sends work, answers shares. Who it mines for
 * ({@link MinerAuthorization}), what the miner asks for ({@link MinerHints}), its difficulty
 * ({@link ConnectionDifficulty}) and the answer to a run of rejects ({@link RejectEscalation}) are
 * separate concepts, each in its own class owned by this handler.
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
    // One concept each (see the class comment), made with the session in channelActive.
    private ConnectionDifficulty difficulty;
    private MinerHints hints;
    private MinerAuthorization authorization;
    private RejectEscalation rejects;

    private boolean sentFirstJob;
    /** Why the connection ended, for the disconnect event: clean, timeout, error, kicked or pool_shutdown. */
    private String closeReason = "clean";
    /** Set once the pool has decided to close: input is ignored from then on. */
    private boolean closing;

    public StratumSessionHandler(StratumContext pool) {
        this.pool = pool;
    }

    // ---- lifecycle ------------------------------------------------------------------------

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        PoolSettings s = pool.settings();
        InetAddress address = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a.getAddress() : null;
        String ip = address != null ? address.getHostAddress() : "?";
        Vardiff vardiff = new Vardiff(s.vardiff(), DifficultyBounds.of(s.minDiff(), s.maxDiff()), s.startDiff(),
                ConnectionDifficulty.monotonicMillis());
        session = new Session(pool.sessions().nextId(), ip, System.currentTimeMillis(), vardiff.difficulty());
        difficulty = new ConnectionDifficulty(vardiff, session, pool);
        hints = new MinerHints(this, session, pool, difficulty);
        authorization = new MinerAuthorization(this, ctx, session, pool, hints, difficulty);
        rejects = new RejectEscalation(this, session, pool, address);
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
            case "mining.authorize" -> authorization.authorize(req);
            case "mining.configure" -> hints.configure(req);
            case "mining.suggest_difficulty" -> hints.suggestDifficulty(req);
            case "mining.extranonce.subscribe" -> send(StratumJson.result(req.rawId(), true));
            case "mining.get_transactions" -> transactions(req);
            default -> {
                send(StratumJson.error(req.rawId(), StratumError.OTHER, "Unknown method"));
                rejects.junkRequest();
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
            hints.detectAsicBoost(req.stringParam(5));
            recordShare(r, now);
            if (difficulty.onShare(r.targetDiff())) {
                reissueCurrentJob();
            }
        }
        if (!r.accepted()) {
            if (log.isDebugEnabled()) {
                log.debug("share rejected from {} ({}): {}", session.remoteIp(), MinerText.printable(req.stringParam(0), 160), r.reason());
            }
            rejects.shareRejected(now);
        }
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

    void sendCurrentJob() {
        Job job = pool.work().current();
        if (job != null) {
            sendJob(job, false);
        }
    }

    void sendJob(Job job, boolean forceClean) {
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
        authorization.followSignature();
        difficulty.beforeJob(job.networkDifficulty());
        CoinbaseWork cb = job.coinbaseFor(session.payoutKey());
        if (session.issue(job.id(), clean)) {
            ctx.write(Unpooled.wrappedBuffer(StratumJson.setDifficulty(session.difficulty())));
            pool.minerState().remember(session.firstWorker().name().fullName(), session.difficulty());
        }
        send(StratumJson.notify(job.id(), job.prevHashStratum(), cb.coinb1Hex(), cb.coinb2Hex(), job.merkleBranchHex(),
                job.versionHex(), job.bitsHex(), job.ntimeHex(), clean));
    }

    // ---- output ---------------------------------------------------------------------------

    void send(byte[] line) {
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

    void close(String reason) {
        closing = true;
        closeReason = reason;
        ctx.close();
    }

    /** True once the pool has decided to close the connection. */
    boolean closing() {
        return closing;
    }

    String firstWorkerName() {
        return session.workers().isEmpty() ? "?" : session.workers().values().iterator().next().name().fullName();
    }
}
