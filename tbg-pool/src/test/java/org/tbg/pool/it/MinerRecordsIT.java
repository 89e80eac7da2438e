package org.tbg.pool.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tbg.bitcoin.address.AddressType;
import org.tbg.pool.session.WorkerName;
import org.tbg.pool.stats.PersonalBest;
import org.tbg.stratum.miner.MinerStats;
import org.tbg.testkit.DevnetNode;

/** Personal records and hashrate as the running pool keeps them, and across a pool restart. */
class MinerRecordsIT {

    @Test
    void aRestartedPoolStillKnowsEveryAllTimeBest() throws Exception {
        String address = TestAddresses.payout(AddressType.P2WPKH, "records").address();
        WorkerName worker = WorkerName.parse(address + ".rig");
        Path logDir = Files.createTempDirectory("tbg-it-records");
        try (DevnetNode node = DevnetNode.start()) {
            PersonalBest before;
            try (PoolHarness pool = PoolHarness.start(new TestSettings(List.of(node.endpoint()), logDir))) {
                MinerStats stats = pool.mine(address + ".rig", 2, Duration.ofSeconds(30));
                assertThat(stats.sharesAccepted()).isPositive();
                before = pool.pool().bests().worker(worker).allTime();
                assertThat(before).isNotNull();
                assertThat(before.difficulty()).isPositive();
                assertThat(pool.pool().bests().user(address).allTime().difficulty()).isGreaterThanOrEqualTo(before.difficulty());
                assertThat(pool.pool().hashrates().worker(worker, System.currentTimeMillis()).oneMinute()).isPositive();
            }
            try (PoolHarness restarted = PoolHarness.start(new TestSettings(List.of(node.endpoint()), logDir))) {
                PersonalBest after = restarted.pool().bests().worker(worker).allTime();
                assertThat(after).isEqualTo(before);
            }
        }
    }
}
