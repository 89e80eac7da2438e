package org.tbg.app.loadtest;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The shape of a load: how many miners, how fast each submits, for how long, and over how long
 * their connections are spread. The named profiles are the seeds' load plan.
 *
 * @param sharesPerMinute submits per miner per minute (fractions allowed)
 * @param ramp            connections are opened evenly across this time from the start
 */
public record LoadProfile(String name, int miners, double sharesPerMinute, Duration duration, Duration ramp) {

    public static final LoadProfile SMOKE = new LoadProfile("smoke", 10, 5, Duration.ofSeconds(30), Duration.ofSeconds(2));
    public static final LoadProfile STANDARD = new LoadProfile("standard", 100, 10, Duration.ofSeconds(60), Duration.ofSeconds(10));
    public static final LoadProfile STRESS = new LoadProfile("stress", 1000, 20, Duration.ofSeconds(120), Duration.ofSeconds(30));
    public static final LoadProfile SOAK = new LoadProfile("soak", 100, 10, Duration.ofSeconds(3600), Duration.ofSeconds(10));

    /** The name of a profile whose values were changed on the command line. */
    public static final String CUSTOM = "custom";

    public static final List<LoadProfile> NAMED = List.of(SMOKE, STANDARD, STRESS, SOAK);

    public static Optional<LoadProfile> named(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return NAMED.stream().filter(p -> p.name.equals(key)).findFirst();
    }
}
