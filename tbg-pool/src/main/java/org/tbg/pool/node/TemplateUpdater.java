package org.tbg.pool.node;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.rpc.BlockTemplate;
import org.tbg.bitcoin.rpc.ChainInfo;
import org.tbg.bitcoin.rpc.NodeClient;
import org.tbg.bitcoin.rpc.RpcException;
import org.tbg.pool.work.Job;
import org.tbg.pool.work.JobFactory;
import org.tbg.pool.work.UnsupportedTemplateException;
import org.tbg.pool.work.WorkManager;

/**
 * Keeps the pool's work current: polls the tip every {@code blockpoll}, fetches a template when the
 * tip changes (clean job), every {@code update_interval} (refresh) and as soon as a node answers
 * again after an outage. While no node answers, miners keep the last work.
 *
 * <p>Thread rule: everything runs on the updater's single thread; {@link #poke()} (ZMQ) and the
 * getters are safe from any thread.
 */
public final class TemplateUpdater implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TemplateUpdater.class);

    private final NodeClient node;
    private final JobFactory jobs;
    private final WorkManager work;
    private final Duration blockPoll;
    private final Duration updateInterval;
    private final Consumer<ChainInfo> onChainKnown;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tbg-template");
        t.setDaemon(true);
        return t;
    });

    private ChainInfo chain;
    private List<String> rules = List.of("segwit");
    private String lastBestHash;
    private long lastTemplateNanos;
    private volatile boolean nodeUp;
    private volatile long lastTemplateMillis;

    public TemplateUpdater(NodeClient node, JobFactory jobs, WorkManager work, Duration blockPoll,
                           Duration updateInterval, Consumer<ChainInfo> onChainKnown) {
        this.node = node;
        this.jobs = jobs;
        this.work = work;
        this.blockPoll = blockPoll;
        this.updateInterval = updateInterval;
        this.onChainKnown = onChainKnown;
    }

    /** Runs the first update now, on the caller's thread, then keeps polling in the background. */
    public void start() {
        try {
            thread.submit(this::tick).get();
        } catch (Exception e) {
            throw new IllegalStateException("first template update failed", e);
        }
        thread.scheduleWithFixedDelay(this::tick, blockPoll.toMillis(), blockPoll.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A block notification (ZMQ): check the tip now instead of at the next poll. */
    public void poke() {
        thread.execute(this::tick);
    }

    public boolean nodeUp() {
        return nodeUp;
    }

    /** Wall-clock millis of the last template fetched, 0 before the first. */
    public long lastTemplateMillis() {
        return lastTemplateMillis;
    }

    private void tick() {
        try {
            if (chain == null) {
                chain = node.blockchainInfo();
                if (chain.chain().equals("signet")) {
                    rules = List.of("segwit", "signet");
                }
                log.info("node {} is on chain '{}' at height {}", node.failover().current(), chain.chain(), chain.blocks());
                onChainKnown.accept(chain);
            }
            String best = node.bestBlockHash();
            boolean recovered = !nodeUp;
            if (recovered && lastTemplateNanos != 0) {
                log.warn("node {} answers again: fetching fresh work", node.failover().current());
            }
            nodeUp = true;
            boolean tipChanged = !best.equals(lastBestHash);
            boolean due = System.nanoTime() - lastTemplateNanos >= updateInterval.toNanos();
            if (tipChanged || recovered || due) {
                update(best);
            }
        } catch (RpcException e) {
            if (nodeUp || lastTemplateNanos == 0) {
                log.warn("no Bitcoin node answers ({}): miners keep the last work", e.getMessage());
            }
            nodeUp = false;
        } catch (UnsupportedTemplateException e) {
            log.error("refusing template: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("template update failed", e);
        }
    }

    private void update(String best) throws RpcException, UnsupportedTemplateException {
        BlockTemplate t = node.blockTemplate(rules);
        Job current = work.current();
        boolean clean = current == null || !Arrays.equals(current.prevHash(), t.previousBlockHash());
        work.publish(jobs.create(t, clean));
        String templatePrev = Hex.encode(Bytes.reversed(t.previousBlockHash()));
        // If the tip moved between the two calls, the next poll notices and fetches again.
        lastBestHash = templatePrev.equals(best) ? best : templatePrev;
        lastTemplateNanos = System.nanoTime();
        lastTemplateMillis = System.currentTimeMillis();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
