package org.tbg.events.socket;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What the socket sink and source share: Unix datagram sockets through Netty's epoll transport (the
 * JDK has Unix stream channels only).
 */
final class UnixDatagrams {
    /** sockaddr_un.sun_path holds 108 bytes including the terminating NUL. */
    static final int MAX_PATH_BYTES = 107;

    private UnixDatagrams() {
    }

    static DomainSocketAddress address(Path path) throws IOException {
        String s = path.toString();
        if (s.getBytes(StandardCharsets.UTF_8).length > MAX_PATH_BYTES) {
            throw new IOException("Unix socket path longer than " + MAX_PATH_BYTES + " bytes: " + s);
        }
        return new DomainSocketAddress(s);
    }

    /** One event loop thread, a daemon so that a forgotten close does not keep the JVM alive. */
    static EventLoopGroup newGroup(String threadName) throws IOException {
        if (!Epoll.isAvailable()) {
            throw new IOException("Unix datagram sockets need Netty's epoll transport: "
                    + Epoll.unavailabilityCause().getMessage());
        }
        return new EpollEventLoopGroup(1, new DefaultThreadFactory(threadName, true));
    }

    static Bootstrap bootstrap(EventLoopGroup group, ChannelHandler handler) {
        return new Bootstrap().group(group).channel(EpollDomainDatagramChannel.class).handler(handler);
    }

    /** The cause of a failed Netty operation as one short phrase (errno text for native errors). */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown error";
        }
        if (cause instanceof FileNotFoundException) {
            return "no socket file (ENOENT)"; // Netty's ENOENT carries no message
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
