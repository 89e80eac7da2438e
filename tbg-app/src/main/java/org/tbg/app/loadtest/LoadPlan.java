package org.tbg.app.loadtest;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one load run needs, checked up front: the profile (possibly changed on the command
 * line), the pool to load and how the simulated miners log in.
 *
 * @param address     the address part of every username ({@code <address>.lt<N>})
 * @param password    stratum password; {@code d=<diff>} asks the pool for a difficulty
 * @param validShares     grind shares that meet the share target instead of sending cheap rejects
 * @param warmup          replies to submits sent before this (from the start) are left out of the
 *                        latency figures and the steady rate: both processes are still compiling their hot paths
 * @param sourceAddresses local addresses the connections are spread over, round-robin; empty: the system chooses
 * @param ioThreads       event loop threads of the generator; 0: one per core
 */
public record LoadPlan(LoadProfile profile, String host, int port, String address, String password, boolean validShares,
        Duration warmup, List<InetAddress> sourceAddresses, int ioThreads) {

    /**
     * A valid regtest P2WPKH address (witness program = the first 20 bytes of
     * SHA-256("tbg-loadtest")): a pool on regtest or devnet accepts it, so authorize succeeds
     * without the operator having to supply one.
     */
    public static final String DEFAULT_ADDRESS = "bcrt1q04y39zxaqxxhvu78a73jrhl5nq4j90dx3z29ur";
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 3333;
    public static final String DEFAULT_PASSWORD = "x";

    /**
     * One connection (one file descriptor) per miner. A million is far past what one machine's
     * ports and memory hold; the real limits ({@code ulimit -n}, ephemeral ports) are checked
     * when the run starts, see {@link LoadCapacity}.
     */
    public static final int MAX_MINERS = 1_000_000;
    /** More event loop threads than this buys nothing but context switches. */
    public static final int MAX_IO_THREADS = 256;
    /** 100 submits per second per miner is far beyond any real device; more is a typo. */
    public static final double MAX_SHARES_PER_MINUTE = 6_000;
    public static final Duration MAX_DURATION = Duration.ofDays(7);

    /** A plan with no warm-up, system-chosen source addresses and one event loop per core. */
    public LoadPlan(LoadProfile profile, String host, int port, String address, String password, boolean validShares) {
        this(profile, host, port, address, password, validShares, Duration.ZERO, List.of(), 0);
    }

    public LoadPlan {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(warmup, "warmup");
        sourceAddresses = List.copyOf(sourceAddresses);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        if (password == null) {
            password = DEFAULT_PASSWORD;
        }
        if (profile.miners() < 1 || profile.miners() > MAX_MINERS) {
            throw new IllegalArgumentException("miners must be 1-" + MAX_MINERS + ", got " + profile.miners());
        }
        double rate = profile.sharesPerMinute();
        if (!(rate > 0) || rate > MAX_SHARES_PER_MINUTE) {
            throw new IllegalArgumentException("rate must be more than 0 and at most " + (int) MAX_SHARES_PER_MINUTE
                    + " shares per minute, got " + rate);
        }
        Duration d = profile.duration();
        if (d.toMillis() < 1_000 || d.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("duration must be 1 s to " + MAX_DURATION.toDays() + " days, got " + d.toSeconds() + " s");
        }
        if (profile.ramp().isNegative() || profile.ramp().compareTo(d) > 0) {
            throw new IllegalArgumentException("ramp must be 0 to the duration (" + d.toSeconds() + " s), got "
                    + profile.ramp().toSeconds() + " s");
        }
        if (warmup.isNegative() || warmup.compareTo(d) >= 0) {
            throw new IllegalArgumentException("warmup must be 0 to less than the duration (" + d.toSeconds() + " s), got "
                    + warmup.toMillis() / 1000.0 + " s");
        }
        if (ioThreads < 0 || ioThreads > MAX_IO_THREADS) {
            throw new IllegalArgumentException("io threads must be 0 (one per core) to " + MAX_IO_THREADS + ", got " + ioThreads);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, got " + port);
        }
        if (address.isBlank() || address.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("username prefix must be an address without spaces, got '" + address + "'");
        }
    }

    /** The username of miner {@code index} (0-based): {@code <address>.lt<index+1>}. */
    public String username(int index) {
        return address + ".lt" + (index + 1);
    }

    /** When miner {@code index} connects, counted from the start: evenly spread across the ramp. */
    public Duration startDelay(int index) {
        return profile.ramp().multipliedBy(index).dividedBy(profile.miners());
    }

    /** The local address miner {@code index} connects from, or null to let the system choose. */
    public InetAddress sourceAddress(int index) {
        return sourceAddresses.isEmpty() ? null : sourceAddresses.get(index % sourceAddresses.size());
    }

    /** Mean time between one miner's submits. */
    public double meanSubmitIntervalNanos() {
        return 60e9 / profile.sharesPerMinute();
    }
}
