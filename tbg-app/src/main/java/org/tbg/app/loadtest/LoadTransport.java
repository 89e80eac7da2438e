package org.tbg.app.loadtest;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The generator's event loops and the channel type that goes with them: epoll on Linux (less
 * CPU and garbage per read and write than NIO, which matters when the generator shares the cores
 * with the pool it measures), NIO elsewhere.
 *
 * @param name    "epoll" or "nio", for the log
 * @param threads event loop threads in {@code group}
 */
record LoadTransport(EventLoopGroup group, Class<? extends Channel> channelType, String name, int threads) {

    /** @param threads event loop threads; 0 means one per core */
    static LoadTransport open(int threads) {
        int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        DefaultThreadFactory factory = new DefaultThreadFactory("loadtest", true);
        if (Epoll.isAvailable()) {
            return new LoadTransport(new EpollEventLoopGroup(n, factory), EpollSocketChannel.class, "epoll", n);
        }
        return new LoadTransport(new NioEventLoopGroup(n, factory), NioSocketChannel.class, "nio", n);
    }
}
