package org.tbg.pool.session;

import org.tbg.bitcoin.address.PayoutScript;

/** An authorized worker on a connection: who it is and what its blocks pay. */
public record Worker(String username, WorkerName name, PayoutScript payout) {
}
