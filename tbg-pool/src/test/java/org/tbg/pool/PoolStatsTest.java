package org.tbg.pool;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.tbg.pool.share.ShareResult;

/** Each share lands in one count only: accepted, rejected by reason, or stale. */
class PoolStatsTest {

    @Test
    void aStaleShareIsCountedAsStaleAndNotUnderAReason() {
        PoolStats s = new PoolStats();
        s.shareRejected(ShareResult.STALE);
        s.shareRejected(ShareResult.STALE);
        s.shareRejected("Low difficulty share");

        assertThat(s.sharesStale()).isEqualTo(2);
        assertThat(s.rejectsByReason()).isEqualTo(Map.of("Low difficulty share", 1L));
        assertThat(s.sharesRejected()).as("every rejected share, stale ones included").isEqualTo(3);
    }

    @Test
    void acceptedSharesAddTheirTargetDifficulty() {
        PoolStats s = new PoolStats();
        s.shareAccepted(0.5);
        s.shareAccepted(0.25);

        assertThat(s.sharesAccepted()).isEqualTo(2);
        assertThat(s.acceptedDifficultySum()).isEqualTo(0.75);
        assertThat(s.sharesRejected()).isZero();
    }

    @Test
    void nodeCallsAreTimedByMethodAndNode() {
        PoolStats s = new PoolStats();
        s.rpcCallFinished("10.0.0.7:8332", "submitblock", 20_000_000);
        s.rpcCallFinished("10.0.0.7:8332", "submitblock", 30_000_000);
        s.rpcCallFinished("10.0.0.8:8332", "getblocktemplate", 1_000_000);

        HistogramSnapshot snap = s.rpcDuration().collect();
        HistogramSnapshot.HistogramDataPointSnapshot submit = snap.getDataPoints().stream()
                .filter(d -> d.getLabels().equals(Labels.of("method", "submitblock", "node", "10.0.0.7:8332")))
                .findFirst().orElseThrow();
        assertThat(submit.getCount()).isEqualTo(2);
        assertThat(submit.getSum()).isCloseTo(0.05, Offset.offset(1e-9));
        assertThat(snap.getDataPoints()).hasSize(2);
    }
}
