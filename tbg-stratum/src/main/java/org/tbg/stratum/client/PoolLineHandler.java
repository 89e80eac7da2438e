package org.tbg.stratum.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses pool lines (after line framing) and sorts them into responses (numeric id, no method)
 * and notifications (a method). Lines that are neither are logged and dropped: a pool that sends
 * garbage is not a reason for the client to die. The frame is released by the superclass. Used
 * by {@link StratumClient} and by clients with their own request bookkeeping (the load generator);
 * one instance per channel, placed after a {@code LineBasedFrameDecoder} of
 * {@link StratumClient#MAX_LINE_BYTES}.
 */
public final class PoolLineHandler extends SimpleChannelInboundHandler<ByteBuf> {
    private static final Logger LOG = LoggerFactory.getLogger(PoolLineHandler.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Where decoded lines go; called on the event loop. */
    public interface Sink {
        void onResponse(long id, JsonNode response);

        void onNotification(String method, JsonNode params);

        void onClosed();
    }

    private final Sink sink;

    public PoolLineHandler(Sink sink) {
        this.sink = sink;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
        if (line.readableBytes() == 0) {
            return;
        }
        JsonNode msg;
        try {
            msg = MAPPER.readTree(new ByteBufInputStream(line));
        } catch (IOException e) {
            LOG.debug("pool sent a line that is not valid JSON: {}", e.getMessage());
            return;
        }
        if (msg == null || !msg.isObject()) {
            LOG.debug("pool sent a line that is not a JSON object");
            return;
        }
        JsonNode method = msg.get("method");
        if (method != null && method.isTextual()) {
            JsonNode params = msg.get("params");
            sink.onNotification(method.textValue(), params != null ? params : MAPPER.createArrayNode());
            return;
        }
        JsonNode id = msg.get("id");
        if (id != null && id.canConvertToLong() && id.isIntegralNumber()) {
            sink.onResponse(id.longValue(), msg);
        } else {
            LOG.debug("pool sent a response without a numeric id");
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        sink.onClosed();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            LOG.warn("pool sent a line longer than {} bytes; closing", StratumClient.MAX_LINE_BYTES);
        } else {
            LOG.debug("connection error: {}", cause.toString());
        }
        ctx.close();
    }
}
