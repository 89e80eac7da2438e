package org.tbg.app.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.stratum.client.PoolLineHandler;
import org.tbg.stratum.client.StratumClient;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.ReconnectRequest;

/**
 * One Stratum V1 connection of the load generator: lines parsed by tbg-stratum's
 * {@link PoolLineHandler}, replies matched to requests by id, the pool's notifications decoded
 * with tbg-stratum's {@link NotifyJob}. Unlike tbg-stratum's general client it is made to cost little
 * per share, since on one machine the generator takes its CPU from the pool it measures: submits
 * are hand-built lines, the whole connection lives on one event loop (no locks, no cross-thread
 * hops), and a reply that does not come is noticed when the miner next acts or when the connection
 * closes, instead of by one timer per share. It can also bind a local source address: each one has
 * its own range of ephemeral ports, which one address runs out of at about 28,000 connections to
 * the same pool port.
 *
 * <p>Thread rule: all state belongs to {@link #loop}; {@link #request} and {@link #submit} hop
 * onto it when called from elsewhere, {@link #close} may be called from any thread, replies and
 * listener calls run on the loop.
 */
final class PoolLink {
    private static final Logger log = LoggerFactory.getLogger(PoolLink.class);

    static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** What the pool tells the connection, on its loop. */
    interface Listener {
        void onSetDifficulty(double difficulty);

        void onNotify(NotifyJob job);

        /** {@code client.reconnect}; the wait is null when the pool gave none. Host and port are not followed. */
        void onReconnect(Integer waitSeconds);

        /** The connection closed (either side); called once, after every pending reply has failed. */
        void onClose();
    }

    private record Pending(long sentNanos, CompletableFuture<JsonNode> reply) {}

    private final EventLoop loop;
    private final Class<? extends Channel> channelType;
    private final Listener listener;
    private final long replyTimeoutNanos;
    /** Requests awaiting their reply, oldest first (loop only). */
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private long nextId = 1; // loop only
    private volatile Channel channel;

    /** @param replyTimeoutNanos a reply later than this fails its request with a {@link TimeoutException} */
    PoolLink(EventLoop loop, Class<? extends Channel> channelType, Listener listener, long replyTimeoutNanos) {
        this.loop = loop;
        this.channelType = channelType;
        this.listener = listener;
        this.replyTimeoutNanos = replyTimeoutNanos;
    }

    /** Opens the connection, from {@code source} (port chosen by the system) when it is not null. */
    CompletableFuture<Void> connect(String host, int port, InetAddress source) {
        if (channel != null) {
            throw new IllegalStateException("already connected; a reconnect is a new PoolLink");
        }
        CompletableFuture<Void> connected = new CompletableFuture<>();
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast("framer", new LineBasedFrameDecoder(StratumClient.MAX_LINE_BYTES, true, true))
                                .addLast("pool-lines", new PoolLineHandler(new Lines()));
                    }
                });
        ChannelFuture f = source == null
                ? b.connect(host, port)
                : b.connect(new InetSocketAddress(host, port), new InetSocketAddress(source, 0));
        channel = f.channel();
        f.addListener(done -> {
            if (done.isSuccess()) {
                connected.complete(null);
            } else {
                connected.completeExceptionally(done.cause());
            }
        });
        return connected;
    }

    /** A handshake request; params are converted by Jackson. */
    CompletableFuture<JsonNode> request(String method, Object... params) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        onLoop(() -> send(RequestLines.request(nextId, method, params), reply));
        return reply;
    }

    /** One share; the future completes with the pool's reply, or fails (timeout, closed). */
    CompletableFuture<JsonNode> submit(String worker, CraftedShare share) {
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        onLoop(() -> {
            expire(System.nanoTime());
            send(RequestLines.submit(nextId, worker, share), reply);
        });
        return reply;
    }

    /** Closes the connection; pending replies then fail. Idempotent, any thread. */
    void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    private void send(String line, CompletableFuture<JsonNode> reply) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) {
            reply.completeExceptionally(new ClosedChannelException());
            return;
        }
        long id = nextId++;
        pending.put(id, new Pending(System.nanoTime(), reply));
        ByteBuf buf = ByteBufUtil.writeUtf8(ch.alloc(), line);
        ch.writeAndFlush(buf, ch.voidPromise()); // a failed write closes the channel, which fails the pending reply
    }

    /** Fails the requests that have waited longer than the timeout; the oldest come first. */
    private void expire(long now) {
        Iterator<Pending> it = pending.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (now - p.sentNanos() < replyTimeoutNanos) {
                return;
            }
            it.remove();
            p.reply().completeExceptionally(new TimeoutException());
        }
    }

    private void closed() {
        long now = System.nanoTime();
        ClosedChannelException closed = new ClosedChannelException();
        Pending[] left = pending.values().toArray(new Pending[0]);
        pending.clear();
        for (Pending p : left) {
            p.reply().completeExceptionally(now - p.sentNanos() >= replyTimeoutNanos ? new TimeoutException() : closed);
        }
        listener.onClose();
    }

    private void reply(long id, JsonNode response) {
        Pending p = pending.remove(id);
        if (p == null) {
            log.debug("reply to unknown or expired request id {}", id);
        } else {
            p.reply().complete(response);
        }
        expire(System.nanoTime());
    }

    private void notification(String method, JsonNode params) {
        switch (method) {
            case "mining.set_difficulty" -> {
                double d = params.path(0).asDouble(Double.NaN);
                if (d > 0 && Double.isFinite(d)) {
                    listener.onSetDifficulty(d);
                }
            }
            case "mining.notify" -> {
                try {
                    listener.onNotify(NotifyJob.fromParams(params));
                } catch (IllegalArgumentException e) {
                    log.debug("ignoring a malformed mining.notify: {}", e.getMessage());
                }
            }
            case "client.reconnect" -> listener.onReconnect(ReconnectRequest.fromParams(params).waitSeconds());
            default -> log.debug("ignoring pool notification {}", method);
        }
    }

    /** What {@link PoolLineHandler} decodes from the pool's lines, on the loop. */
    private final class Lines implements PoolLineHandler.Sink {
        @Override
        public void onResponse(long id, JsonNode response) {
            reply(id, response);
        }

        @Override
        public void onNotification(String method, JsonNode params) {
            notification(method, params);
        }

        @Override
        public void onClosed() {
            closed();
        }
    }
}
