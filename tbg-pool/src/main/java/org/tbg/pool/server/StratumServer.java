package org.tbg.pool.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.pool.limits.ConnectionLimiter;
import org.tbg.pool.limits.Refusal;
import org.tbg.stratum.codec.StratumRequestDecoder;

/**
 * The stratum listener. Each accepted connection first meets the {@link ConnectionLimiter}: a
 * refused one is reset before any handler is added, so it costs an accept and a close. An admitted
 * one gets the pipeline line framing (bounded by {@code max_line_bytes}) → JSON request decoding →
 * the session handler. Uses epoll on Linux, NIO elsewhere.
 *
 * <p>With epoll the listeners set {@code SO_REUSEPORT}: a second pool process can bind the same
 * port and take the new connections while this one drains (docs/runbooks/restart.md).
 */
public final class StratumServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StratumServer.class);

    /** Outbound bytes queued per connection before it counts as not reading (see the handler). */
    static final int WRITE_HIGH_WATER = 256 * 1024;
    static final int WRITE_LOW_WATER = 64 * 1024;
    /** How often expired bans and idle per-address state are forgotten. */
    static final long SWEEP_SECONDS = 30;
    /** At most one log line per refusal reason this often: a flood of connections must not flood the log. */
    static final long REFUSAL_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final StratumContext pool;
    private final ConnectionLimiter limiter;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final boolean epoll;
    private final List<Channel> listeners = new ArrayList<>();
    private final Map<Refusal, AtomicLong> lastRefusalLog = new EnumMap<>(Refusal.class);

    public StratumServer(StratumContext pool) {
        this.pool = pool;
        this.limiter = pool.limiter();
        this.epoll = Epoll.isAvailable();
        this.boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        this.workers = epoll ? new EpollEventLoopGroup() : new NioEventLoopGroup();
        for (Refusal r : Refusal.values()) {
            lastRefusalLog.put(r, new AtomicLong(System.nanoTime() - REFUSAL_LOG_INTERVAL_NANOS));
        }
    }

    /** Binds every listen address; throws if any cannot be bound. */
    public List<InetSocketAddress> bind(List<InetSocketAddress> addresses) throws InterruptedException {
        int maxLine = pool.settings().limits().maxLineBytes();
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(WRITE_LOW_WATER, WRITE_HIGH_WATER))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (!admit(ch)) {
                            return;
                        }
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("framer", new LineBasedFrameDecoder(maxLine, true, true));
                        p.addLast("decoder", new StratumRequestDecoder());
                        p.addLast("session", new StratumSessionHandler(pool));
                    }
                });
        if (epoll) {
            b.option(EpollChannelOption.SO_REUSEPORT, true);
        }
        List<InetSocketAddress> bound = new ArrayList<>();
        for (InetSocketAddress a : addresses) {
            Channel ch = b.bind(a).sync().channel();
            listeners.add(ch);
            InetSocketAddress local = (InetSocketAddress) ch.localAddress();
            bound.add(local);
            log.info("stratum listening on {}:{} ({})", local.getHostString(), local.getPort(),
                    epoll ? "epoll, SO_REUSEPORT" : "nio, no SO_REUSEPORT: no zero-downtime restart");
        }
        boss.scheduleAtFixedRate(() -> limiter.sweep(System.nanoTime()), SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        return bound;
    }

    /** True when the listeners share their port with other processes ({@code SO_REUSEPORT}, epoll only). */
    public boolean reusePort() {
        return epoll;
    }

    /**
     * The limiter's verdict on a new connection. A refused one is reset (SO_LINGER 0) rather than
     * closed with a FIN: a flood of refusals then leaves no TIME_WAIT sockets behind on this side.
     */
    private boolean admit(SocketChannel ch) {
        InetSocketAddress remote = ch.remoteAddress();
        if (remote == null) {
            ch.close(); // gone before it was set up
            return false;
        }
        InetAddress ip = remote.getAddress();
        Refusal refusal = limiter.admit(ip, System.nanoTime());
        if (refusal == null) {
            ch.closeFuture().addListener(closed -> limiter.release(ip, System.nanoTime()));
            return true;
        }
        pool.stats().connectionRefused(refusal.label());
        logRefusal(refusal, ip);
        ch.config().setOption(ChannelOption.SO_LINGER, 0);
        ch.close();
        return false;
    }

    private void logRefusal(Refusal refusal, InetAddress ip) {
        AtomicLong last = lastRefusalLog.get(refusal);
        long now = System.nanoTime();
        long before = last.get();
        if (now - before >= REFUSAL_LOG_INTERVAL_NANOS && last.compareAndSet(before, now)) {
            log.warn("refusing connections ({}): latest from {}, {} so far (this line at most every {} s)",
                    refusal.label(), ip.getHostAddress(), pool.stats().refusalsByReason().getOrDefault(refusal.label(), 0L),
                    TimeUnit.NANOSECONDS.toSeconds(REFUSAL_LOG_INTERVAL_NANOS));
        }
    }

    /** Stops accepting new connections; existing ones stay. Idempotent. */
    public void stopAccepting() {
        for (Channel ch : listeners) {
            ch.close().awaitUninterruptibly();
        }
    }

    /** Stops accepting and releases the event loops; connections still open are closed with them. */
    @Override
    public void close() {
        stopAccepting();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
