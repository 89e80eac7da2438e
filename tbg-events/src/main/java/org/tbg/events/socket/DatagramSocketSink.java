package org.tbg.events.socket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.tbg.events.Event;
import org.tbg.events.EventCodec;
import org.tbg.events.bus.EventSink;
import org.tbg.events.bus.PartialWriteException;

/**
 * One datagram per event (the JSON envelope) to a Unix datagram socket: the TBG event socket of the
 * seeds ({@value #SEEDS_PATH}) for existing consumers. Best effort: no listener (ENOENT, ECONNREFUSED)
 * or a listener too slow to take a batch within {@link #SEND_TIMEOUT} loses those events, counted by
 * the bus; the socket is reconnected on the next batch, so a restarted listener is picked up.
 *
 * <p>The socket is connected to the path so that a full receive queue (Linux keeps only
 * {@code net.unix.max_dgram_qlen} datagrams) makes the sender wait for room instead of failing.
 * Thread rule: the bus's thread for this sink only.
 */
public final class DatagramSocketSink implements EventSink {
    public static final String NAME = "socket";
    public static final String SEEDS_PATH = "/tmp/ckpool/events.sock";
    /** A listener that cannot take a batch within this is treated as gone for that batch. */
    public static final Duration SEND_TIMEOUT = Duration.ofSeconds(1);
    private static final int INITIAL_DATAGRAM_BYTES = 512;

    private final Path path;
    private final DomainSocketAddress address;
    private final EventLoopGroup group;
    private Channel channel;

    private DatagramSocketSink(Path path, DomainSocketAddress address, EventLoopGroup group) {
        this.path = path;
        this.address = address;
        this.group = group;
    }

    /** A sink for {@code socketPath}; no listener needs to be there yet. */
    public static DatagramSocketSink open(Path socketPath) throws IOException {
        DomainSocketAddress address = UnixDatagrams.address(socketPath);
        return new DatagramSocketSink(socketPath, address, UnixDatagrams.newGroup("tbg-events-socket-sink"));
    }

    @Override
    public String name() {
        return NAME;
    }

    public Path path() {
        return path;
    }

    @Override
    public void write(List<Event> batch) throws Exception {
        Channel ch = connected();
        BatchResult result = new BatchResult(batch.size());
        for (Event event : batch) {
            ByteBuf datagram = ch.alloc().directBuffer(INITIAL_DATAGRAM_BYTES);
            try {
                EventCodec.write(event, new ByteBufOutputStream(datagram));
            } catch (RuntimeException e) {
                datagram.release();
                throw e;
            }
            ch.write(datagram).addListener(result);
        }
        ch.flush();
        if (!result.await(SEND_TIMEOUT)) {
            // closing fails every pending write, which completes the count
            ch.close().awaitUninterruptibly(SEND_TIMEOUT.toMillis());
            result.await(SEND_TIMEOUT);
        }
        int lost = result.lost();
        if (lost > 0) {
            ch.close(); // reconnect next time: the listener may have been restarted on a new socket
            throw new PartialWriteException(lost, lost + " of " + batch.size() + " datagrams to " + path
                    + " not sent: " + result.failure(), null);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(SEND_TIMEOUT.toMillis());
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(2, TimeUnit.SECONDS);
    }

    private Channel connected() throws IOException {
        if (channel != null && channel.isActive()) {
            return channel;
        }
        channel = null;
        ChannelFuture connect = UnixDatagrams.bootstrap(group, QuietHandler.INSTANCE).connect(address);
        if (!connect.awaitUninterruptibly(SEND_TIMEOUT.toMillis())) {
            connect.channel().close();
            throw new IOException("no listener on " + path + ": connect timed out");
        }
        if (!connect.isSuccess()) {
            connect.channel().close();
            throw new IOException("no listener on " + path + ": " + UnixDatagrams.describe(connect.cause()));
        }
        channel = connect.channel();
        return channel;
    }

    /** Counts a batch's datagrams as their writes complete (on the event loop). */
    private static final class BatchResult implements ChannelFutureListener {
        private final AtomicInteger pending;
        private final AtomicInteger failed = new AtomicInteger();
        private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        private final CountDownLatch done = new CountDownLatch(1);

        BatchResult(int size) {
            this.pending = new AtomicInteger(size);
        }

        @Override
        public void operationComplete(ChannelFuture future) {
            if (!future.isSuccess()) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, future.cause());
            }
            if (pending.decrementAndGet() == 0) {
                done.countDown();
            }
        }

        boolean await(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Failed writes, and any still not completed (counted as lost). */
        int lost() {
            return failed.get() + pending.get();
        }

        String failure() {
            Throwable cause = firstFailure.get();
            return cause == null ? "the listener did not take them within " + SEND_TIMEOUT.toMillis() + " ms"
                    : UnixDatagrams.describe(cause);
        }
    }

    /** Errors on the sink's socket are counted through the write futures; nothing to log twice. */
    @ChannelHandler.Sharable
    private static final class QuietHandler extends ChannelInboundHandlerAdapter {
        static final QuietHandler INSTANCE = new QuietHandler();

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // counted where the write fails
        }
    }
}
