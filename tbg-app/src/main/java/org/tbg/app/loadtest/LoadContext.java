package org.tbg.app.loadtest;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.Executor;

/**
 * What every simulated miner of one run shares.
 *
 * @param group       the event loop group all connections and timers run on
 * @param channelType the socket channel type that goes with {@code group}
 * @param grinder     where valid shares are searched for; null unless the plan asks for valid shares
 */
record LoadContext(LoadPlan plan, EventLoopGroup group, Class<? extends Channel> channelType, LoadRecorder recorder,
        RunState state, Executor grinder) {
}
