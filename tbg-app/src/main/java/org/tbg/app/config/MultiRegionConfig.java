package org.tbg.app.config;

import java.time.Duration;

/**
 * The {@code tbg_*} multi-region keys: how this pool links to the other regions' pools.
 *
 * @param mode            {@code tbg_mode}
 * @param primary         {@code tbg_primary_url}: the primary's relay link; required for a relay, else may be null
 * @param relayPort       {@code tbg_relay_port}: where a primary listens for relays
 * @param failoverTimeout {@code tbg_failover_timeout}: silence from the primary before a relay takes over
 */
public record MultiRegionConfig(Mode mode, HostPort primary, int relayPort, Duration failoverTimeout) {

    /** A pool's role among regions. */
    public enum Mode {
        /** One region, no relay link. */
        STANDALONE,
        /** Serves templates to relays. */
        PRIMARY,
        /** Follows a primary, takes over when it goes silent. */
        RELAY
    }
}
