package org.tbg.stratum.miner;

import java.util.Map;

/**
 * A snapshot of the miner's counters. {@code sharesSubmitted - sharesAccepted - sharesRejected}
 * is the number of submits that got no answer (connection lost, timeout).
 *
 * @param hashes          header hashes computed
 * @param sharesSubmitted {@code mining.submit} requests sent
 * @param sharesAccepted  submits the pool answered {@code true}
 * @param sharesRejected  submits the pool answered with false or an error
 * @param blocksFound     accepted submits whose hash met the header's nbits target
 * @param rejectsByReason rejected submits by the pool's reason text
 */
public record MinerStats(
        long hashes,
        long sharesSubmitted,
        long sharesAccepted,
        long sharesRejected,
        long blocksFound,
        Map<String, Long> rejectsByReason) {

    public MinerStats {
        rejectsByReason = Map.copyOf(rejectsByReason);
    }
}
