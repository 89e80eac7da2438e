package org.tbg.stratum.miner;

/** A pool's {@code client.reconnect}; null fields mean "same as now" (wait: none). */
record ReconnectRequest(String host, Integer port, Integer waitSeconds) {
}
