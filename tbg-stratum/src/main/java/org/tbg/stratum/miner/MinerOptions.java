package org.tbg.stratum.miner;

import java.time.Duration;
import java.util.Objects;

/**
 * What the CPU miner connects to and how long it runs.
 *
 * @param host            pool host
 * @param port            pool stratum port
 * @param username        {@code <address>[.<worker>]}
 * @param password        stratum password, may carry {@code d=<diff>}; null means {@code "x"}
 * @param threads         hashing threads (at least 1)
 * @param versionRolling  negotiate BIP310 version rolling (mask {@link CpuMiner#VERSION_ROLLING_MASK})
 * @param duration        how long to run; null = until stopped
 * @param stopAfterBlocks stop after this many accepted block candidates; 0 = never
 */
public record MinerOptions(
        String host,
        int port,
        String username,
        String password,
        int threads,
        boolean versionRolling,
        Duration duration,
        int stopAfterBlocks) {

    public static final String DEFAULT_PASSWORD = "x";

    public MinerOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
        if (password == null) {
            password = DEFAULT_PASSWORD;
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        if (stopAfterBlocks < 0) {
            throw new IllegalArgumentException("stopAfterBlocks must be >= 0, got " + stopAfterBlocks);
        }
    }
}
