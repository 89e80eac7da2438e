package org.tbg.devnet.chain;

import java.math.BigInteger;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;

/**
 * The devnet's block chain: a block index, the active chain from regtest's genesis, and block
 * submission validated in Bitcoin Core's order with Core's reasons.
 *
 * <p>Order of checks, as in Core's {@code submitblock} → {@code ProcessNewBlock}: already known
 * ({@code duplicate}, {@code duplicate-invalid}); {@link BlockCheck} (proof of work, merkle root,
 * size, coinbase, transactions); parent known ({@code prev-blk-not-found}) and not invalid
 * ({@code bad-prevblk}); {@link HeaderContextCheck}; {@link BlockContextCheck}; and, for a block
 * that extends the tip, {@link BlockConnectCheck}.
 *
 * <p>Side branches: a valid block whose parent is known but not the tip is stored and answered
 * {@code inconclusive}, as Core does for a side branch with no more work than the tip. The devnet
 * never reorganizes: a side branch that grows longer than the active chain stays a side branch
 * (Core would switch to it). Its blocks' transactions are not checked against the mempool.
 *
 * <p>Thread-safety: every method synchronizes on this chain. {@link TipListener}s and
 * {@link KnownTransactions} are called with that lock held.
 */
public final class Chain {
    private static final Logger log = LoggerFactory.getLogger(Chain.class);

    private final int bits;
    private final Clock clock;
    private final KnownTransactions known;
    private final List<TipListener> listeners = new CopyOnWriteArrayList<>();
    /** Every stored block by hash (display hex). */
    private final Map<String, ChainEntry> index = new HashMap<>();
    /** Hashes Core would have marked invalid: submitting them again answers duplicate-invalid. */
    private final Set<String> invalid = new HashSet<>();
    /** The active chain; position = height. */
    private final List<ChainEntry> active = new ArrayList<>();

    /**
     * @param bits  compact target every block after genesis must carry (regtest: 0x207fffff)
     * @throws IllegalArgumentException when {@code bits} is not a target within regtest's limit
     * @param clock the node's clock, for time-too-new and templates
     * @param known the unconfirmed transactions blocks may include
     */
    public Chain(int bits, Clock clock, KnownTransactions known) {
        CompactBits.requireUsable(bits);
        this.bits = bits;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.known = Objects.requireNonNull(known, "known");
        Block genesis = RegtestGenesis.block();
        ChainEntry entry = new ChainEntry(genesis, 0, null, ChainWork.ofBits(genesis.header().bits()), 0);
        index.put(entry.hashHex(), entry);
        active.add(entry);
    }

    public void addTipListener(TipListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The bits every new block must carry. */
    public int bits() {
        return bits;
    }

    /** The node's clock, Unix seconds. */
    public long now() {
        return clock.millis() / 1000;
    }

    public synchronized ChainEntry tip() {
        return active.get(active.size() - 1);
    }

    public synchronized int height() {
        return active.size() - 1;
    }

    /** The active chain's block at {@code height}, or null when out of range. */
    public synchronized ChainEntry atHeight(int height) {
        return height >= 0 && height < active.size() ? active.get(height) : null;
    }

    /** A stored block by display-order hex hash (any case), active or not; null when unknown. */
    public synchronized ChainEntry byHash(String hashHex) {
        return index.get(hashHex.toLowerCase(Locale.ROOT));
    }

    /** True when {@code entry} is on the active chain. */
    public synchronized boolean isActive(ChainEntry entry) {
        return entry.height() < active.size() && active.get(entry.height()).equals(entry);
    }

    /** Runs {@code reader} with the chain locked, so the tip cannot move while it reads (e.g. builds a template). */
    public synchronized <T> T read(Function<Chain, T> reader) {
        return reader.apply(this);
    }

    /** Validates {@code block} as Core's {@code ProcessNewBlock} does and stores it when valid. */
    public synchronized SubmitOutcome submit(Block block) {
        String hash = block.hashHex();
        ChainEntry existing = index.get(hash);
        if (existing != null) {
            return SubmitOutcome.duplicate();
        }
        if (invalid.contains(hash)) {
            return SubmitOutcome.duplicateInvalid();
        }
        BlockRejection rejection = BlockCheck.check(block);
        if (rejection != null) {
            return reject(block, rejection);
        }
        String prevHash = Hex.encode(Bytes.reversed(block.header().prevHash()));
        ChainEntry parent = index.get(prevHash);
        if (parent == null) {
            return reject(block, invalid.contains(prevHash)
                    ? BlockRejection.of("bad-prevblk", "previous block " + prevHash + " is invalid")
                    : BlockRejection.of("prev-blk-not-found", "previous block " + prevHash + " is unknown"));
        }
        rejection = HeaderContextCheck.check(block.header(), parent, bits, now());
        if (rejection == null) {
            rejection = BlockContextCheck.check(block, parent);
        }
        if (rejection != null) {
            return reject(block, rejection);
        }
        int height = parent.height() + 1;
        BigInteger work = parent.chainWork().add(ChainWork.ofBits(block.header().bits()));
        if (parent != tip()) {
            ChainEntry side = new ChainEntry(block, height, parent, work, 0);
            index.put(hash, side);
            log.info("block {} at height {} stored on a side branch (parent {} is not the tip)", hash, height, prevHash);
            return SubmitOutcome.sideBranch(side);
        }
        BlockConnectCheck.Result connect = BlockConnectCheck.check(block, height, known);
        if (connect.rejection() != null) {
            return reject(block, connect.rejection());
        }
        ChainEntry entry = new ChainEntry(block, height, parent, work, connect.fees());
        index.put(hash, entry);
        active.add(entry);
        log.info("new tip {} at height {} ({} txs, {} WU)", hash, height, block.transactions().size(), block.weight());
        for (TipListener listener : listeners) {
            try {
                listener.tipChanged(entry);
            } catch (RuntimeException e) {
                log.error("tip listener {} failed for block {}", listener, hash, e);
            }
        }
        return SubmitOutcome.accepted(entry);
    }

    private SubmitOutcome reject(Block block, BlockRejection rejection) {
        if (rejection.marksInvalid()) {
            invalid.add(block.hashHex());
        }
        log.info("block {} rejected: {} ({})", block.hashHex(), rejection.reason(), rejection.detail());
        return SubmitOutcome.rejected(rejection);
    }
}
