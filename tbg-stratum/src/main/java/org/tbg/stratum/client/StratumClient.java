package org.tbg.stratum.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.stratum.message.NotifyJob;

/**
 * A Stratum V1 client connection (Netty NIO), used by the CPU miner and the load generator.
 * One instance is one connection: {@link #connect}, any number of {@link #request}s, {@link #close}.
 * To reconnect, make a new instance (on the same {@link EventLoopGroup}).
 *
 * <p>Requests get increasing numeric ids; a response completes the request's future with the
 * whole response object ({@code id}, {@code result}, {@code error}, and {@code reject-reason} if
 * the pool sent one). Futures have no timeout of their own: callers add one with
 * {@code orTimeout}. When the connection closes, pending futures fail with
 * {@link ClosedChannelException} and {@link Listener#onClose()} is called once.
 *
 * <p>Thread rule: {@link #request} and {@link #close} may be called from any thread; listener
 * methods and future completions run on the connection's event loop and must not block.
 */
public final class StratumClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StratumClient.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Longest pool line accepted; a notify with a deep merkle branch is a few KiB. */
    public static final int MAX_LINE_BYTES = 1 << 20;
    /** TCP connect timeout. */
    public static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    /** Pool → client notifications. All methods default to doing nothing. */
    public interface Listener {
        /** {@code mining.set_difficulty}: share difficulty for the jobs that follow. */
        default void onSetDifficulty(double difficulty) {}

        /** {@code mining.notify}, already checked for shape and hex sizes. */
        default void onNotify(NotifyJob job) {}

        /** {@code client.reconnect}; each argument is null when the pool left it out. */
        default void onReconnect(String host, Integer port, Integer waitSeconds) {}

        /** {@code client.show_message}. */
        default void onShowMessage(String text) {}

        /** The connection closed (by either side); called once. */
        default void onClose() {}
    }

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final Listener listener;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean closeReported = new AtomicBoolean();
    private volatile Channel channel;
    /** Set by {@link #closeWhenAnswered}: no new requests; close once the pending ones are answered. */
    private volatile boolean closing;

    /** A client with its own single-threaded event loop, shut down by {@link #close()}. */
    public StratumClient(Listener listener) {
        this(new NioEventLoopGroup(1, new DefaultThreadFactory("stratum-client", true)), true, listener);
    }

    /** A client on a shared event loop group, which the caller owns and shuts down. */
    public StratumClient(EventLoopGroup group, Listener listener) {
        this(group, false, listener);
    }

    private StratumClient(EventLoopGroup group, boolean ownsGroup, Listener listener) {
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.listener = listener != null ? listener : new Listener() {};
    }

    /** Opens the TCP connection; completes when connected, or exceptionally with the cause. */
    public CompletableFuture<Void> connect(String host, int port) {
        if (channel != null) {
            throw new IllegalStateException("already connected; use a new StratumClient to reconnect");
        }
        CompletableFuture<Void> connected = new CompletableFuture<>();
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("framer", new LineBasedFrameDecoder(MAX_LINE_BYTES, true, true))
                                .addLast("pool-lines", new PoolLineHandler(new Dispatch()));
                    }
                });
        ChannelFuture f = b.connect(host, port);
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

    /**
     * Sends {@code {"id":n,"method":method,"params":[params…]}}; params are converted with Jackson
     * (strings, numbers, booleans, lists, maps, JsonNodes).
     */
    public CompletableFuture<JsonNode> request(String method, Object... params) {
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        Channel ch = channel;
        if (ch == null || !ch.isActive() || closing) {
            response.completeExceptionally(new ClosedChannelException());
            return response;
        }
        long id = nextId.getAndIncrement();
        byte[] line;
        try {
            line = encode(id, method, params);
        } catch (IOException | IllegalArgumentException e) {
            response.completeExceptionally(e);
            return response;
        }
        // registered before the write: the response may arrive before the write listener runs
        pending.put(id, response);
        ch.writeAndFlush(Unpooled.wrappedBuffer(line)).addListener(w -> {
            if (!w.isSuccess()) {
                failPending(id, w.cause());
            }
        });
        if (!ch.isActive()) {
            failPending(id, new ClosedChannelException()); // closed while we registered: no one else will fail it
        }
        return response;
    }

    public boolean isConnected() {
        Channel ch = channel;
        return ch != null && ch.isActive();
    }

    /**
     * Closes the connection once every request already sent has its answer, or after
     * {@code maxWait}, whichever comes first; requests made from now on fail at once. For leaving a
     * pool that asked us to ({@code client.reconnect}): the shares in flight still get their verdict.
     */
    public void closeWhenAnswered(Duration maxWait) {
        closing = true;
        Channel ch = channel;
        if (ch == null) {
            close();
            return;
        }
        ch.eventLoop().execute(() -> {
            if (pending.isEmpty()) {
                close();
            } else {
                ch.eventLoop().schedule(this::close, maxWait.toNanos(), TimeUnit.NANOSECONDS);
            }
        });
    }

    /** Closes the connection (and the event loop if this client owns it). Idempotent. */
    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private static byte[] encode(long id, String method, Object[] params) throws IOException {
        ObjectNode req = MAPPER.createObjectNode();
        req.put("id", id);
        req.put("method", method);
        ArrayNode p = req.putArray("params");
        for (Object param : params) {
            p.add(param == null ? MAPPER.nullNode() : MAPPER.valueToTree(param));
        }
        byte[] json = MAPPER.writeValueAsBytes(req);
        byte[] line = new byte[json.length + 1];
        System.arraycopy(json, 0, line, 0, json.length);
        line[json.length] = '\n';
        return line;
    }

    private void failPending(long id, Throwable cause) {
        CompletableFuture<JsonNode> f = pending.remove(id);
        if (f != null) {
            f.completeExceptionally(cause);
        }
    }

    /** Receives what {@link PoolLineHandler} decodes; runs on the event loop. */
    private final class Dispatch implements PoolLineHandler.Sink {
        @Override
        public void onResponse(long id, JsonNode response) {
            CompletableFuture<JsonNode> f = pending.remove(id);
            if (f == null) {
                LOG.debug("response to unknown request id {}", id);
                return;
            }
            f.complete(response);
            if (closing && pending.isEmpty()) {
                close();
            }
        }

        @Override
        public void onNotification(String method, JsonNode params) {
            try {
                PoolNotifications.dispatch(method, params, listener);
            } catch (RuntimeException e) {
                LOG.warn("listener failed on {}: {}", method, e.toString());
            }
        }

        @Override
        public void onClosed() {
            ClosedChannelException closed = new ClosedChannelException();
            for (Long id : pending.keySet()) {
                failPending(id, closed);
            }
            if (closeReported.compareAndSet(false, true)) {
                try {
                    listener.onClose();
                } catch (RuntimeException e) {
                    LOG.warn("listener failed on close: {}", e.toString());
                }
            }
        }
    }
}
