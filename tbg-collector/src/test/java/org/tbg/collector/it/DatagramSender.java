package org.tbg.collector.it;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Path;

/** Sends datagrams to a Unix socket path, as the pool's socket sink does (the JDK has no Unix datagrams). */
final class DatagramSender implements AutoCloseable {
    private final EventLoopGroup group = new EpollEventLoopGroup(1);
    private final Channel channel;
    private final DomainSocketAddress target;

    DatagramSender(Path socket) {
        target = new DomainSocketAddress(socket.toString());
        channel = new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class)
                .handler(new ChannelInboundHandlerAdapter()).bind(new DomainSocketAddress(socket + ".client"))
                .syncUninterruptibly().channel();
    }

    /** Sends one datagram and waits until the kernel took it. */
    void send(byte[] datagram) throws IOException {
        ChannelFuture f = channel.writeAndFlush(new DomainDatagramPacket(Unpooled.wrappedBuffer(datagram), target));
        if (!f.awaitUninterruptibly(10_000) || !f.isSuccess()) {
            throw new IOException("datagram not sent", f.cause());
        }
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
