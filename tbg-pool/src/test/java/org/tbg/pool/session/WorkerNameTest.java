package org.tbg.pool.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerNameTest {

    @Test
    void splitsAddressAndWorkerOnTheFirstDotOrUnderscore() {
        assertThat(WorkerName.parse("bc1qxyz.bitaxe-01")).isEqualTo(new WorkerName("bc1qxyz", "bitaxe-01"));
        assertThat(WorkerName.parse("bc1qxyz_rig.2")).isEqualTo(new WorkerName("bc1qxyz", "rig.2"));
        assertThat(WorkerName.parse("1BoatSLRHtKNngkdXEeobR76b53LETtpyT")).isEqualTo(new WorkerName("1BoatSLRHtKNngkdXEeobR76b53LETtpyT", ""));
        assertThat(WorkerName.parse(" bc1qxyz.a ").fullName()).isEqualTo("bc1qxyz.a");
        assertThat(WorkerName.parse("bc1qxyz").fullName()).isEqualTo("bc1qxyz");
    }
}
