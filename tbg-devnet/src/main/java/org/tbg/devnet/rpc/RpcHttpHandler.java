package org.tbg.devnet.rpc;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the RPC server, as Core's: POST only (405 otherwise), basic auth (401 with a
 * {@code WWW-Authenticate} challenge), then the body goes to the {@link JsonRpcDispatcher}.
 *
 * <p>Threading: the HTTP checks run on the I/O thread; the method runs on the worker pool, because
 * one may take long ({@code generatetoaddress} at hard bits). A connection reads no further
 * request until its reply is written, so replies keep request order. Stateless, so one instance
 * serves every channel.
 */
@ChannelHandler.Sharable
final class RpcHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(RpcHttpHandler.class);

    private final BasicAuthenticator authenticator;
    private final JsonRpcDispatcher dispatcher;
    private final Executor workers;

    RpcHttpHandler(BasicAuthenticator authenticator, JsonRpcDispatcher dispatcher, Executor workers) {
        this.authenticator = authenticator;
        this.dispatcher = dispatcher;
        this.workers = workers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, response(HttpResponseStatus.BAD_REQUEST, new byte[0]), false);
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse response = response(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "JSONRPC server handles only POST requests".getBytes(StandardCharsets.US_ASCII));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
            write(ctx, response, keepAlive);
            return;
        }
        if (!authenticator.accepts(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            log.warn("RPC request from {} with wrong or missing credentials", ctx.channel().remoteAddress());
            FullHttpResponse response = response(HttpResponseStatus.UNAUTHORIZED, new byte[0]);
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"jsonrpc\"");
            write(ctx, response, keepAlive);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content()); // a copy: the request is released on return
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> reply(ctx, body, keepAlive));
        } catch (RejectedExecutionException e) {
            ctx.close(); // shutting down
        }
    }

    /** On a worker: run the request, write the reply, then let the connection read its next request. */
    private void reply(ChannelHandlerContext ctx, byte[] body, boolean keepAlive) {
        try {
            RpcReply reply = dispatcher.handle(body);
            FullHttpResponse response = response(HttpResponseStatus.valueOf(reply.httpStatus()), reply.body());
            if (reply.body().length > 0) {
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            }
            write(ctx, response, keepAlive).addListener(f -> ctx.channel().config().setAutoRead(true));
        } catch (RuntimeException e) {
            log.error("RPC request on {} failed outside any method", ctx.channel().remoteAddress(), e);
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("RPC connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    private static FullHttpResponse response(HttpResponseStatus status, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        HttpUtil.setContentLength(response, body.length);
        return response;
    }

    private static ChannelFuture write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            HttpUtil.setKeepAlive(response, true);
            return ctx.writeAndFlush(response);
        }
        return ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
