package org.tbg.pool.limits;

/**
 * Why a new connection was closed as soon as it was accepted. The label is the metric's
 * {@code reason} ({@code ckpool_connections_refused_total}) and names the config key that refused it.
 */
public enum Refusal {
    BANNED("banned"),
    MAX_CLIENTS("maxclients"),
    MAX_CONNECTIONS_PER_IP("max_conn_per_ip"),
    CONNECTION_RATE_PER_IP("conn_per_ip_per_min");

    private final String label;

    Refusal(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
