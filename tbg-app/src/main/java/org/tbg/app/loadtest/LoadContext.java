package org.tbg.app.loadtest;

import io.netty.channel.EventLoopGroup;
import java.util.concurrent.Executor;

/**
 * What every simulated miner of one run shares.
 *
 * @param group   the one event loop group all connections and timers run on
 * @param grinder where valid shares are searched for; null unless the plan asks for valid shares
 */
record LoadContext(LoadPlan plan, EventLoopGroup group, LoadRecorder recorder, RunState state, Executor grinder) {
}
