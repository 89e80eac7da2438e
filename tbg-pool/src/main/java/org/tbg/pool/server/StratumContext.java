package org.tbg.pool.server;

import org.tbg.pool.PoolSettings;
import org.tbg.pool.PoolStats;
import org.tbg.pool.block.BlockSubmitter;
import org.tbg.pool.event.PoolEventListener;
import org.tbg.pool.limits.ConnectionLimiter;
import org.tbg.pool.node.PayoutResolver;
import org.tbg.pool.session.ExtranonceAllocator;
import org.tbg.pool.share.ShareValidator;
import org.tbg.pool.state.MinerStateStore;
import org.tbg.pool.stats.BestDifficultyTracker;
import org.tbg.pool.stats.MinerHashrates;
import org.tbg.pool.work.JobFactory;
import org.tbg.pool.work.WorkManager;

/**
 * The engine services every connection handler uses; all thread-safe.
 *
 * @param poolTag the scriptSig text every coinbase carries ({@code btcsig})
 * @param limiter who may connect, and the bans an invalid-share storm ends in
 */
public record StratumContext(PoolSettings settings, WorkManager work, JobFactory jobs, ShareValidator validator,
                             ExtranonceAllocator extranonces, PayoutResolver payouts, BlockSubmitter blocks,
                             SessionRegistry sessions, PoolStats stats, byte[] poolTag,
                             MinerHashrates hashrates, BestDifficultyTracker bests, PoolEventListener events,
                             MinerStateStore minerState, ConnectionLimiter limiter) {
}
