package org.tbg.app.loadtest;

import org.tbg.bitcoin.target.Target;
import org.tbg.stratum.work.StratumWork;

/** The job a connection mines on, with the share target in force when it arrived (the pool judges it at that difficulty). */
record MinerWork(StratumWork job, Target shareTarget) {
}
