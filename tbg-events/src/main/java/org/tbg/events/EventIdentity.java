package org.tbg.events;

import java.util.Objects;

/**
 * Who emits: stamped on every event so that several pools and regions can share one stream and one
 * database (spec/events.md envelope).
 *
 * @param source       {@code hosted} for our pools (the TBG consumers also know other sources)
 * @param region       {@code tbg_region}
 * @param poolInstance {@code pool_instance}
 */
public record EventIdentity(String source, String region, String poolInstance) {
    public static final String HOSTED = "hosted";

    public EventIdentity {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(poolInstance, "poolInstance");
    }

    public static EventIdentity hosted(String region, String poolInstance) {
        return new EventIdentity(HOSTED, region, poolInstance);
    }
}
