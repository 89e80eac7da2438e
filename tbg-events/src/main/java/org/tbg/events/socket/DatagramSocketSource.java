package org.tbg.events.socket;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.events.EventCodec;
import org.tbg.events.bus.LogThrottle;

/**
 * Receives datagrams on a Unix socket path (the collector's side of {@link DatagramSocketSink}) and
 * hands each one's bytes to a handler on the source's own thread. A stale socket file left by a
 * crashed process is removed; a path another process still listens on is refused.
 *
 * <p>Linux queues only {@code net.unix.max_dgram_qlen} datagrams (often 10) per socket: a slow handler
 * makes senders wait and then drop, so the handler should only decode and enqueue.
 */
public final class DatagramSocketSource implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatagramSocketSource.class);
    /** One byte more than the largest event, so an oversized datagram arrives oversized, not cut to size. */
    private static final int MAX_DATAGRAM_BYTES = EventCodec.MAX_EVENT_BYTES + 1;
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(5);
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final EventLoopGroup group;
    private final Channel channel;
    private final Receiver receiver;

    private DatagramSocketSource(Path path, EventLoopGroup group, Channel channel, Receiver receiver) {
        this.path = path;
        this.group = group;
        this.channel = channel;
        this.receiver = receiver;
    }

    public static DatagramSocketSource bind(Path socketPath, Consumer<byte[]> handler) throws IOException {
        Objects.requireNonNull(handler, "handler");
        DomainSocketAddress address = UnixDatagrams.address(socketPath);
        Path parent = socketPath.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        EventLoopGroup group = UnixDatagrams.newGroup("tbg-events-socket-source");
        try {
            removeStale(socketPath, address, group);
            Receiver receiver = new Receiver(handler, socketPath);
            ChannelFuture bound = UnixDatagrams.bootstrap(group, receiver)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES))
                    .bind(address);
            if (!bound.awaitUninterruptibly(BIND_TIMEOUT.toMillis()) || !bound.isSuccess()) {
                bound.channel().close();
                throw new IOException("cannot bind " + socketPath + ": " + UnixDatagrams.describe(bound.cause()));
            }
            log.info("event socket listening on {}", socketPath);
            return new DatagramSocketSource(socketPath, group, bound.channel(), receiver);
        } catch (IOException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    /** Datagrams received so far. */
    public long received() {
        return receiver.received.sum();
    }

    /** Datagrams whose handler threw. */
    public long handlerFailures() {
        return receiver.failures.sum();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(BIND_TIMEOUT.toMillis());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("event socket: cannot remove {}: {}", path, e.getMessage());
        }
    }

    /** A socket file nobody listens on is removed; anything else at the path is refused. */
    private static void removeStale(Path path, DomainSocketAddress address, EventLoopGroup group) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(path + " exists and is not a socket");
        }
        ChannelFuture probe = UnixDatagrams.bootstrap(group, new ChannelInboundHandlerAdapter())
                .connect(address).awaitUninterruptibly();
        probe.channel().close();
        if (probe.isSuccess()) {
            throw new IOException("another process already listens on " + path);
        }
        Files.delete(path);
        log.info("event socket: removed the stale socket file {}", path);
    }

    /** Copies each datagram out of Netty's buffer and calls the handler (event loop thread). */
    private static final class Receiver extends SimpleChannelInboundHandler<DomainDatagramPacket> {
        private final Consumer<byte[]> handler;
        private final Path path;
        private final LongAdder received = new LongAdder();
        private final LongAdder failures = new LongAdder();
        private final LogThrottle failureLog = new LogThrottle(Duration.ofSeconds(10));

        Receiver(Consumer<byte[]> handler, Path path) {
            this.handler = handler;
            this.path = path;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DomainDatagramPacket packet) {
            byte[] bytes = ByteBufUtil.getBytes(packet.content());
            received.increment();
            try {
                handler.accept(bytes);
            } catch (RuntimeException e) {
                failures.increment();
                if (failureLog.tryAcquire()) {
                    log.warn("event socket {}: handler failed ({} so far): {}", path, failures.sum(), e.toString());
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (failureLog.tryAcquire()) {
                log.warn("event socket {}: receive failed: {}", path, UnixDatagrams.describe(cause));
            }
        }
    }
}
