package org.tbg.pool.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.stratum.codec.StratumRequestDecoder;

/**
 * The stratum listener. Pipeline per connection: line framing (bounded by {@code max_line_bytes})
 * → JSON request decoding → the session handler. Uses epoll on Linux, NIO elsewhere.
 */
public final class StratumServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StratumServer.class);

    /** Outbound bytes queued per connection before it counts as not reading (see the handler). */
    static final int WRITE_HIGH_WATER = 256 * 1024;
    static final int WRITE_LOW_WATER = 64 * 1024;

    private final StratumContext pool;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final boolean epoll;
    private final List<Channel> listeners = new ArrayList<>();

    public StratumServer(StratumContext pool) {
        this.pool = pool;
        this.epoll = Epoll.isAvailable();
        this.boss = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);
        this.workers = epoll ? new EpollEventLoopGroup() : new NioEventLoopGroup();
    }

    /** Binds every listen address; throws if any cannot be bound. */
    public List<InetSocketAddress> bind(List<InetSocketAddress> addresses) throws InterruptedException {
        int maxLine = pool.settings().maxLineBytes();
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
                        ChannelPipeline p = ch.pipeline();
                        p.addLast("framer", new LineBasedFrameDecoder(maxLine, true, true));
                        p.addLast("decoder", new StratumRequestDecoder());
                        p.addLast("session", new StratumSessionHandler(pool));
                    }
                });
        List<InetSocketAddress> bound = new ArrayList<>();
        for (InetSocketAddress a : addresses) {
            Channel ch = b.bind(a).sync().channel();
            listeners.add(ch);
            InetSocketAddress local = (InetSocketAddress) ch.localAddress();
            bound.add(local);
            log.info("stratum listening on {}:{} ({})", local.getHostString(), local.getPort(), epoll ? "epoll" : "nio");
        }
        return bound;
    }

    /** Stops accepting new connections; existing ones stay. */
    public void stopAccepting() {
        for (Channel ch : listeners) {
            ch.close().awaitUninterruptibly();
        }
    }

    @Override
    public void close() {
        stopAccepting();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }
}
