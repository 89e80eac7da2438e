package org.tbg.app.loadtest;

import org.tbg.bitcoin.target.Target;

/** The job a connection mines on, with the share target in force when it arrived (the pool judges it at that difficulty). */
record MinerWork(LoadJob job, Target shareTarget) {
}
