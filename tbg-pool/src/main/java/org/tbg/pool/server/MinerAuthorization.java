package org.tbg.pool.server;

import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.address.InvalidAddressException;
import org.tbg.bitcoin.address.PayoutScript;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.pool.limits.AuthorizationBackoff;
import org.tbg.pool.node.NodeUnavailableException;
import org.tbg.pool.node.PayoutResolver;
import org.tbg.pool.session.Session;
import org.tbg.pool.session.Worker;
import org.tbg.pool.session.WorkerName;
import org.tbg.stratum.codec.StratumJson;
import org.tbg.stratum.message.StratumError;
import org.tbg.stratum.message.StratumRequest;

/**
 * Who a connection mines for. {@code mining.authorize} waits on the node (address check) and on the
 * miner state store (remembered difficulty), and the coinbase follows the address's own signature
 * for as long as the connection lives; keeping those lookups, their failures and the
 * {@link AuthorizationBackoff} here leaves the handler with the connection itself.
 *
 * <p>Thread rule: the connection's event loop; lookups that complete elsewhere hop back onto it.
 */
final class MinerAuthorization {
    /** The connection's own logger: an operator finds a connection's whole story under one name. */
    private static final Logger log = LoggerFactory.getLogger(StratumSessionHandler.class);

    private final StratumSessionHandler connection;
    private final ChannelHandlerContext ctx;
    private final Session session;
    private final StratumContext pool;
    private final MinerHints hints;
    private final ConnectionDifficulty difficulty;
    private final AuthorizationBackoff authBackoff = new AuthorizationBackoff();

    MinerAuthorization(StratumSessionHandler connection, ChannelHandlerContext ctx, Session session, StratumContext pool,
                       MinerHints hints, ConnectionDifficulty difficulty) {
        this.connection = connection;
        this.ctx = ctx;
        this.session = session;
        this.pool = pool;
        this.hints = hints;
        this.difficulty = difficulty;
    }

    void authorize(StratumRequest req) {
        if (!authBackoff.tryStart()) {
            connection.send(StratumJson.reject(req.rawId(), StratumError.OTHER, "too many authorizations in progress"));
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
            connection.send(StratumJson.result(req.rawId(), true));
            return;
        }
        WorkerName name = WorkerName.parse(username);
        CompletableFuture<PayoutScript> payout = pool.payouts().resolve(name.address());
        CompletableFuture<OptionalDouble> remembered = session.authorized()
                ? CompletableFuture.completedFuture(OptionalDouble.empty())
                : pool.minerState().lastDifficulty(name.fullName()).toCompletableFuture();
        pool.minerState().signatureFor(name.address()); // starts the first read; the first job may carry btcsig alone
        payout.whenComplete((script, err) -> remembered.whenComplete((last, ignored) -> ctx.executor().execute(() -> {
            if (ctx.channel().isActive() && !connection.closing()) {
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
                connection.send(StratumJson.reject(req.rawId(), StratumError.OTHER, "cannot check the address now: " + cause.getMessage()));
            } else {
                log.error("authorize of {} failed", username, cause);
                authBackoff.done();
                connection.send(StratumJson.reject(req.rawId(), StratumError.OTHER, "internal error"));
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
        hints.passwordDifficulty(password);
        if (first) {
            pool.stats().authorizedConnections().incrementAndGet();
            difficulty.restore(remembered);
        }
        pool.events().minerConnected(session, session.worker(username));
        log.info("miner {} authorized from {} ({}, {}) agent '{}'", name.fullName(), session.remoteIp(),
                payout.type().label(), session.extranonce1Hex(), session.userAgent());
        connection.send(StratumJson.result(req.rawId(), true));
        connection.sendCurrentJob();
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
            if (!ctx.channel().isActive() || connection.closing()) {
                return;
            }
            connection.send(reply);
            if (authBackoff.exhausted()) {
                log.info("closing connection {} from {}: {} failed authorizations", session.id(), session.remoteIp(),
                        AuthorizationBackoff.MAX_FAILURES);
                connection.close("kicked");
            }
        };
        if (delay == 0) {
            answer.run();
        } else {
            ctx.executor().schedule(answer, delay, TimeUnit.MILLISECONDS);
        }
    }

    /** The miner's own coinbase text (Redis {@code user_coinbase:<address>}) as it is now; the pool tag alone without one. */
    void followSignature() {
        String now = pool.minerState().signatureFor(session.firstWorker().name().address()).orElse(null);
        if (Objects.equals(now, session.signature())) {
            return;
        }
        byte[] tag = now == null ? pool.poolTag() : Bytes.concat(pool.poolTag(), now.getBytes(StandardCharsets.US_ASCII));
        session.retag(tag, now);
        log.info("miner {}: coinbase signature {}", session.firstWorker().name().fullName(), now == null ? "removed" : "'" + now + "'");
    }
}
