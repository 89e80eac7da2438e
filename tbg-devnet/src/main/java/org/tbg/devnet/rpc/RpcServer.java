package org.tbg.devnet.rpc;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC HTTP server. Pipeline: HTTP codec → idle timeout → request aggregation (bounded
 * like Core's 32 MB) → {@link RpcHttpHandler}, which runs methods on a worker pool so a slow one
 * never stalls the socket thread.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RpcServer.class);

    /** Core's {@code MAX_SIZE} for an HTTP request: room for a 4 MWU block as hex with headroom. */
    private static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;
    /** Idle keep-alive connections are closed after this, as Core's {@code -rpcservertimeout} (30 s). */
    private static final int IDLE_SECONDS = 30;
    /** Core's {@code -rpcthreads} default. */
    private static final int WORKER_THREADS = 4;

    private static final long SHUTDOWN_TIMEOUT_MS = 2_000;

    private final EventLoopGroup io;
    private final ExecutorService workers;
    private final Channel channel;
    private final ChannelGroup connections;

    private RpcServer(EventLoopGroup io, ExecutorService workers, Channel channel, ChannelGroup connections) {
        this.io = io;
        this.workers = workers;
        this.channel = channel;
        this.connections = connections;
    }

    /**
     * Binds and starts serving. Port 0 picks a free port (see {@link #port()}).
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static RpcServer start(String host, int port, BasicAuthenticator authenticator, JsonRpcDispatcher dispatcher) {
        EventLoopGroup io = new NioEventLoopGroup(1, new DefaultThreadFactory("tbg-devnet-rpc-io", true));
        ExecutorService workers = Executors.newFixedThreadPool(WORKER_THREADS, new DefaultThreadFactory("tbg-devnet-rpc", true));
        RpcHttpHandler handler = new RpcHttpHandler(authenticator, dispatcher, workers);
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS) {
                                    @Override
                                    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
                                        ctx.close();
                                    }
                                })
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(handler);
                    }
                });
        try {
            Channel channel = bootstrap.bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
            RpcServer server = new RpcServer(io, workers, channel, connections);
            log.info("JSON-RPC listening on {}:{}", host, server.port());
            return server;
        } catch (Exception e) { // bind failures arrive as checked exceptions (BindException) thrown unchecked
            io.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownNow();
            throw new IllegalStateException("cannot bind JSON-RPC to " + host + ":" + port + ": " + e, e);
        }
    }

    /** The bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        // Stop accepting, close open connections, stop I/O; then let running methods finish (bounded).
        channel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        io.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                log.warn("RPC methods still running {} ms after close; abandoning them", SHUTDOWN_TIMEOUT_MS);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }
}
