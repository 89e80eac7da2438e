package org.tbg.app.loadtest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.stratum.codec.StratumJson;
import org.tbg.stratum.codec.StratumRequestDecoder;
import org.tbg.stratum.message.MalformedLine;
import org.tbg.stratum.message.StratumError;
import org.tbg.stratum.message.StratumRequest;

/**
 * A small stratum pool for the load generator's tests, on loopback, speaking through tbg-stratum's
 * own codec: subscribe, authorize, one set_difficulty + notify, and submits answered in a fixed
 * pattern by arrival order — every 3rd accepted, else every 5th "Stale", else "Low difficulty
 * share". It counts what it saw so a test can hold the report against it.
 */
final class FakePool implements AutoCloseable {
    static final int EXTRANONCE2_SIZE = 8;
    static final String JOB_ID = "j1";
    static final String NTIME = "66000000";
    /** Regtest's compact target: every other random header would be a block. */
    static final String NBITS = "207fffff";

    final LongAdder connections = new LongAdder();
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger peakOpen = new AtomicInteger();
    final LongAdder authorized = new LongAdder();
    final LongAdder submits = new LongAdder();
    final LongAdder accepted = new LongAdder();
    final Map<String, LongAdder> rejects = new ConcurrentHashMap<>();
    /** Submits whose params did not follow the protocol (wrong worker, sizes, job or ntime). */
    final LongAdder badSubmits = new LongAdder();
    final LongAdder reconnectsSent = new LongAdder();
    /** The client address of every connection, in arrival order. */
    final List<String> remoteAddresses = new CopyOnWriteArrayList<>();

    private final Set<String> askedToReconnect = ConcurrentHashMap.newKeySet();
    private final AtomicLong submitOrder = new AtomicLong();
    private final AtomicInteger extranonce1 = new AtomicInteger();
    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final Channel server;
    private final boolean refuseAuthorize;
    private final boolean reconnectAfterFirstSubmit;

    private FakePool(boolean refuseAuthorize, boolean reconnectAfterFirstSubmit) throws InterruptedException {
        this.refuseAuthorize = refuseAuthorize;
        this.reconnectAfterFirstSubmit = reconnectAfterFirstSubmit;
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new LineBasedFrameDecoder(4096, true, true))
                                .addLast(new StratumRequestDecoder())
                                .addLast(new Session());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    static FakePool start() throws InterruptedException {
        return new FakePool(false, false);
    }

    static FakePool refusingAuthorize() throws InterruptedException {
        return new FakePool(true, false);
    }

    /**
     * Sends client.reconnect once per worker, after answering its first submit, naming another
     * (loopback) host and port that nothing listens on: the load generator must come back here.
     */
    static FakePool askingToReconnect() throws InterruptedException {
        return new FakePool(false, true);
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    long rejected() {
        return rejects.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long rejected(String reason) {
        LongAdder n = rejects.get(reason);
        return n == null ? 0 : n.sum();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** One connection; runs on its event loop. */
    private final class Session extends SimpleChannelInboundHandler<Object> {
        private String en1;
        private String worker;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connections.increment();
            remoteAddresses.add(((InetSocketAddress) ctx.channel().remoteAddress()).getAddress().getHostAddress());
            peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            open.decrementAndGet();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof MalformedLine) {
                ctx.close();
                return;
            }
            StratumRequest req = (StratumRequest) msg;
            switch (req.method()) {
                case "mining.subscribe" -> {
                    en1 = String.format("%08x", extranonce1.incrementAndGet());
                    send(ctx, StratumJson.subscribeResult(req.rawId(), en1, en1, EXTRANONCE2_SIZE));
                }
                case "mining.authorize" -> {
                    if (refuseAuthorize) {
                        send(ctx, StratumJson.reject(req.rawId(), StratumError.UNAUTHORIZED, "invalid address: test"));
                        return;
                    }
                    worker = req.stringParam(0);
                    authorized.increment();
                    send(ctx, StratumJson.result(req.rawId(), true));
                    send(ctx, StratumJson.setDifficulty(1));
                    send(ctx, StratumJson.notify(JOB_ID, "00".repeat(32), "01000000" + "ab".repeat(20), "cd".repeat(30), List.of(),
                            "20000000", NBITS, NTIME, true));
                }
                case "mining.submit" -> submit(ctx, req);
                default -> send(ctx, StratumJson.error(req.rawId(), StratumError.OTHER, "Unknown method"));
            }
        }

        private void submit(ChannelHandlerContext ctx, StratumRequest req) {
            submits.increment();
            boolean wellFormed = req.paramCount() == 5 && req.stringParam(0) != null && req.stringParam(0).equals(worker)
                    && JOB_ID.equals(req.stringParam(1)) && Hex.isHex(req.stringParam(2), EXTRANONCE2_SIZE)
                    && NTIME.equals(req.stringParam(3)) && Hex.isHex(req.stringParam(4), 4);
            if (!wellFormed) {
                badSubmits.increment();
            }
            long n = submitOrder.incrementAndGet();
            if (n % 3 == 0) {
                accepted.increment();
                send(ctx, StratumJson.result(req.rawId(), true));
            } else if (n % 5 == 0) {
                rejects.computeIfAbsent("Stale", k -> new LongAdder()).increment();
                send(ctx, StratumJson.reject(req.rawId(), StratumError.JOB_NOT_FOUND, "Stale"));
            } else {
                rejects.computeIfAbsent(StratumError.LOW_DIFFICULTY.text(), k -> new LongAdder()).increment();
                send(ctx, StratumJson.reject(req.rawId(), StratumError.LOW_DIFFICULTY, null));
            }
            if (reconnectAfterFirstSubmit && askedToReconnect.add(worker)) {
                reconnectsSent.increment();
                send(ctx, StratumJson.reconnect("127.0.0.2", 1, 0));
            }
        }

        private void send(ChannelHandlerContext ctx, byte[] line) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(line));
        }
    }
}
