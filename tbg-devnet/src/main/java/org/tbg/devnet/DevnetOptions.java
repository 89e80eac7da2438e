package org.tbg.devnet;

import java.time.Clock;
import java.util.Objects;
import org.tbg.devnet.chain.CompactBits;
import org.tbg.devnet.chain.ConsensusLimits;
import org.tbg.devnet.mempool.FeeRateRange;

/**
 * How a {@link Devnet} runs. Immutable; made with {@link #builder()}, whose defaults give a Core
 * regtest look-alike on a free loopback port:
 *
 * <pre>
 * DevnetOptions options = DevnetOptions.builder()
 *         .rpcPort(18443)
 *         .rpcCredentials("user", "pass")
 *         .difficulty(CompactBits.difficultyForInterval(2e6, 10)) // ~10 s per block at 2 MH/s
 *         .mempoolSize(2000)
 *         .zmqHashBlock("tcp://127.0.0.1:28332")
 *         .build();
 * </pre>
 */
public final class DevnetOptions {
    private final String rpcHost;
    private final int rpcPort;
    private final String rpcUser;
    private final String rpcPassword;
    private final int bits;
    private final int mempoolSize;
    private final FeeRateRange feeRates;
    private final double witnessShare;
    private final long mempoolSeed;
    private final String zmqHashBlock;
    private final Clock clock;

    private DevnetOptions(Builder b) {
        this.rpcHost = b.rpcHost;
        this.rpcPort = b.rpcPort;
        this.rpcUser = b.rpcUser;
        this.rpcPassword = b.rpcPassword;
        this.bits = b.bits;
        this.mempoolSize = b.mempoolSize;
        this.feeRates = b.feeRates;
        this.witnessShare = b.witnessShare;
        this.mempoolSeed = b.mempoolSeed;
        this.zmqHashBlock = b.zmqHashBlock;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The defaults: see {@link Builder}. */
    public static DevnetOptions defaults() {
        return builder().build();
    }

    public String rpcHost() {
        return rpcHost;
    }

    /** 0 means a free port chosen at start ({@link Devnet#rpcPort()} tells which). */
    public int rpcPort() {
        return rpcPort;
    }

    public String rpcUser() {
        return rpcUser;
    }

    public String rpcPassword() {
        return rpcPassword;
    }

    public int bits() {
        return bits;
    }

    public int mempoolSize() {
        return mempoolSize;
    }

    public FeeRateRange feeRates() {
        return feeRates;
    }

    public double witnessShare() {
        return witnessShare;
    }

    public long mempoolSeed() {
        return mempoolSeed;
    }

    /** The ZMQ endpoint for {@code hashblock}, or null when not published. */
    public String zmqHashBlock() {
        return zmqHashBlock;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "DevnetOptions[rpc=" + rpcHost + ":" + rpcPort + ", user=" + rpcUser
                + ", bits=" + Integer.toHexString(bits) + ", mempoolSize=" + mempoolSize + ", feeRates=" + feeRates
                + ", witnessShare=" + witnessShare + ", zmqHashBlock=" + zmqHashBlock + "]"; // never the password
    }

    /** Defaults in brackets on each setter. Validates as it goes: a bad value fails at the setter that took it. */
    public static final class Builder {
        private String rpcHost = "127.0.0.1";
        private int rpcPort = 0;
        private String rpcUser = "devnet";
        private String rpcPassword = "devnet";
        private int bits = ConsensusLimits.REGTEST_BITS;
        private int mempoolSize = 0;
        private FeeRateRange feeRates = FeeRateRange.DEFAULT;
        private double witnessShare = 0.5;
        private long mempoolSeed = 1;
        private String zmqHashBlock;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** Address the JSON-RPC server binds [127.0.0.1]; anything but loopback exposes it. */
        public Builder rpcHost(String host) {
            this.rpcHost = Objects.requireNonNull(host, "host");
            return this;
        }

        /** JSON-RPC port [0: a free port]; Core's regtest uses 18443. */
        public Builder rpcPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("rpcPort must be 0..65535, got " + port);
            }
            this.rpcPort = port;
            return this;
        }

        /** Basic-auth credentials every request must carry [devnet / devnet]. */
        public Builder rpcCredentials(String user, String password) {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            if (user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("rpcUser cannot contain ':'");
            }
            this.rpcUser = user;
            this.rpcPassword = password;
            return this;
        }

        /** Compact target of every block after genesis [0x207fffff, regtest's: any hash meets it half the time]. */
        public Builder bits(int bits) {
            CompactBits.requireUsable(bits);
            this.bits = bits;
            return this;
        }

        /**
         * Sets {@link #bits} from a difficulty (pdiff). {@link CompactBits#difficultyForInterval}
         * gives the difficulty at which a hash rate finds a block every N seconds.
         */
        public Builder difficulty(double difficulty) {
            return bits(CompactBits.forDifficulty(difficulty));
        }

        /** Synthetic unconfirmed transactions kept in the mempool, refilled after each block [0]. */
        public Builder mempoolSize(int size) {
            if (size < 0) {
                throw new IllegalArgumentException("mempoolSize must be >= 0, got " + size);
            }
            this.mempoolSize = size;
            return this;
        }

        /** Fee rates of synthetic transactions, sat/vB [1..50]. */
        public Builder feeRates(long minSatPerVbyte, long maxSatPerVbyte) {
            this.feeRates = new FeeRateRange(minSatPerVbyte, maxSatPerVbyte);
            return this;
        }

        /** Fraction of synthetic transactions with witness data, 0..1 [0.5]. */
        public Builder witnessShare(double share) {
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("witnessShare must be within 0..1, got " + share);
            }
            this.witnessShare = share;
            return this;
        }

        /** Seed of the synthetic transactions, for reproducible runs [1]. */
        public Builder mempoolSeed(long seed) {
            this.mempoolSeed = seed;
            return this;
        }

        /**
         * Publish each new tip as ZMQ {@code hashblock} on this endpoint [off], e.g.
         * {@code tcp://127.0.0.1:28332}; {@code tcp://127.0.0.1:*} picks a free port.
         */
        public Builder zmqHashBlock(String endpoint) {
            this.zmqHashBlock = endpoint;
            return this;
        }

        /** The node's clock, for header time checks and templates [system UTC]. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public DevnetOptions build() {
            return new DevnetOptions(this);
        }
    }
}
