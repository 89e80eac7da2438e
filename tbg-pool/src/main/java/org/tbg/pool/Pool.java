package org.tbg.pool;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.address.InvalidAddressException;
import org.tbg.bitcoin.address.Network;
import org.tbg.bitcoin.rpc.ChainInfo;
import org.tbg.bitcoin.rpc.NodeClient;
import org.tbg.bitcoin.rpc.NodeEndpoint;
import org.tbg.bitcoin.rpc.NodeFailover;
import org.tbg.bitcoin.zmq.HashBlockListener;
import org.tbg.pool.block.BlockJournal;
import org.tbg.pool.block.BlockSubmitter;
import org.tbg.pool.block.SubmitOutcome;
import org.tbg.pool.event.PoolEventListener;
import org.tbg.pool.limits.ConnectionLimiter;
import org.tbg.pool.node.PayoutResolver;
import org.tbg.pool.node.TemplateUpdater;
import org.tbg.pool.server.SessionRegistry;
import org.tbg.pool.server.StratumContext;
import org.tbg.pool.server.StratumServer;
import org.tbg.pool.session.ExtranonceAllocator;
import org.tbg.pool.share.ShareValidator;
import org.tbg.pool.state.InMemoryMinerStateStore;
import org.tbg.pool.state.MinerStateStore;
import org.tbg.pool.stats.BestDifficultyStore;
import org.tbg.pool.stats.BestDifficultyTracker;
import org.tbg.pool.stats.MinerHashrates;
import org.tbg.pool.work.Job;
import org.tbg.pool.work.JobFactory;
import org.tbg.pool.work.WorkManager;

/**
 * The mining engine: node access, work, the stratum server and block submission, wired together.
 * Lifecycle: construct, {@link #start()}, optionally {@link #drain()}, {@link #close()}.
 */
public final class Pool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Pool.class);

    /** Everything {@link #close()} does fits in this, so a pool process exits within 10 s of SIGTERM. */
    public static final Duration SHUTDOWN_BUDGET = Duration.ofSeconds(8);
    /** How long miners get to leave by themselves after {@code client.reconnect}, their last shares answered. */
    static final Duration RECONNECT_GRACE = Duration.ofSeconds(3);
    /** Kept back from waiting on block submissions for the shutdown hooks (event flush). */
    static final Duration HOOK_RESERVE = Duration.ofSeconds(1);

    private final PoolSettings settings;
    private final PoolStats stats = new PoolStats();
    private final WorkManager work = new WorkManager();
    private final SessionRegistry sessions = new SessionRegistry();
    private final ExecutorService rpcExecutor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "tbg-rpc");
        t.setDaemon(true);
        return t;
    });
    private NodeFailover nodes;
    private TemplateUpdater updater;
    private HashBlockListener zmq;
    private BlockSubmitter submitter;
    private StratumServer server;
    private List<InetSocketAddress> boundAddresses = List.of();
    private long startedMillis;
    private volatile PoolEventListener events = PoolEventListener.NONE;
    private volatile MinerStateStore minerState = new InMemoryMinerStateStore();
    private MinerHashrates hashrates;
    private BestDifficultyTracker bests;
    private BestDifficultyStore bestsStore;
    private volatile boolean accepting;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<PoolShutdownHook> shutdownHooks = new CopyOnWriteArrayList<>();

    public Pool(PoolSettings settings) {
        this.settings = settings;
    }

    /** Connects to the nodes, fetches the first template (if a node answers) and binds the stratum listeners. */
    public void start() throws Exception {
        startedMillis = System.currentTimeMillis();
        nodes = new NodeFailover(settings.nodes(), settings.rpcTimeout());
        nodes.onSwitch((from, to) -> log.warn("node failover: {} → {}", from, to));
        nodes.callListener(stats::rpcCallFinished);
        NodeClient node = new NodeClient(nodes);
        PayoutResolver payouts = new PayoutResolver(node, rpcExecutor);
        JobFactory jobs = new JobFactory(settings.nonce1Length(), settings.nonce2Length(), settings.donationPercent());
        submitter = new BlockSubmitter(nodes, new BlockJournal(settings.logDir()), this::onBlockOutcome);
        byte[] tag = settings.poolSignature().getBytes(StandardCharsets.UTF_8);
        hashrates = new MinerHashrates(startedMillis);
        bests = new BestDifficultyTracker();
        bestsStore = BestDifficultyStore.open(settings.logDir(), bests);
        StratumContext ctx = new StratumContext(settings, work, jobs,
                new ShareValidator(work, settings.nonce2Length()), new ExtranonceAllocator(settings.nonce1Length()),
                payouts, submitter, sessions, stats, tag, hashrates, bests, events, minerState,
                new ConnectionLimiter(settings.limits(), settings.maxClients()));
        work.addListener(sessions);
        work.addListener(job -> {
            if (job.cleanJobs()) {
                events.newNetworkBlock(job);
            }
        });

        updater = new TemplateUpdater(node, jobs, work, settings.blockPoll(), settings.updateInterval(),
                chain -> onChainKnown(chain, payouts, jobs));
        updater.start();
        if (settings.zmqBlock() != null) {
            zmq = new HashBlockListener(settings.zmqBlock(), hash -> updater.poke());
            zmq.start();
        }
        server = new StratumServer(ctx);
        boundAddresses = server.bind(settings.listen());
        accepting = true;
    }

    /** True while the pool takes new miners and has work for them ({@code /ready}); false once it drains. */
    public boolean ready() {
        return accepting && work.current() != null;
    }

    /**
     * Stops taking new connections (and {@link #ready()} turns false) while every open connection
     * keeps mining. With {@code SO_REUSEPORT} a second pool process on the same port gets every new
     * connection from then on. Idempotent; {@link #close()} begins with it.
     */
    public void drain() {
        if (!draining.compareAndSet(false, true)) {
            return;
        }
        accepting = false;
        if (server != null) {
            server.stopAccepting();
            log.info("draining: no new connections; {} open connections keep mining", sessions.size());
        }
    }

    /** Adds a step to {@link #close()}, run after the miners are gone (see {@link PoolShutdownHook}). */
    public void shutdownHook(PoolShutdownHook hook) {
        shutdownHooks.add(hook);
    }

    /** Once the node tells the chain: the network addresses are judged against, and the pool's own script. */
    private void onChainKnown(ChainInfo chain, PayoutResolver payouts, JobFactory jobs) {
        Network net = Network.fromChain(chain.chain());
        payouts.network(net);
        payouts.resolve(settings.poolAddress()).whenComplete((script, err) -> {
            if (err != null) {
                Throwable cause = PayoutResolver.unwrap(err);
                String why = cause instanceof InvalidAddressException bad ? bad.reason() : cause.getMessage();
                log.error("btcaddress {} is not valid on {}: {} (no donation output will be paid)",
                        settings.poolAddress(), chain.chain(), why);
                return;
            }
            jobs.donationScript(script);
        });
    }

    private void onBlockOutcome(SubmitOutcome o) {
        if (o.accepted()) {
            stats.blockAccepted();
        } else {
            stats.blockRejected();
        }
        events.blockFound(o);
        // A block moves the tip: look for the next template now rather than at the next poll.
        updater.poke();
    }

    /** Where the engine reports every fact (the event pipeline); set before {@link #start()}. */
    public void eventListener(PoolEventListener listener) {
        this.events = listener;
    }

    /**
     * Shared miner state (custom coinbase signatures, remembered difficulties); in memory unless the
     * app gives a Redis-backed store. Set before {@link #start()}; the caller closes it after the pool.
     */
    public void minerState(MinerStateStore store) {
        this.minerState = store;
    }

    /** Hashrate per worker and per user (for {@code hashrate_update} events and status). */
    public MinerHashrates hashrates() {
        return hashrates;
    }

    /** Best share difficulty records per worker and user. */
    public BestDifficultyTracker bests() {
        return bests;
    }

    /** The addresses actually bound (useful with port 0). */
    public List<InetSocketAddress> boundAddresses() {
        return boundAddresses;
    }

    public PoolStats stats() {
        return stats;
    }

    public WorkManager work() {
        return work;
    }

    public int sessionCount() {
        return sessions.size();
    }

    public boolean nodeUp() {
        return updater != null && updater.nodeUp();
    }

    public PoolSettings settings() {
        return settings;
    }

    /** Healthy when there is current work and a node answers (spec/metrics.md, {@code /health}). */
    public PoolHealth health() {
        long now = System.currentTimeMillis();
        Job job = work.current();
        long templateMillis = updater == null ? 0 : updater.lastTemplateMillis();
        boolean up = nodeUp();
        List<String> names = settings.nodes().stream().map(NodeEndpoint::name).toList();
        return new PoolHealth(job != null && up, startedMillis == 0 ? 0 : (now - startedMillis) / 1000,
                job == null ? 0 : job.height(), templateMillis == 0 ? -1 : (now - templateMillis) / 1000.0,
                names, nodes == null ? null : nodes.current().name(), up,
                Math.max(0, stats.authorizedConnections().get()), Math.max(0, stats.connections().get()));
    }

    /**
     * Shuts the pool down within {@link #SHUTDOWN_BUDGET}, in this order: stop accepting
     * ({@link #drain()}); send {@code client.reconnect} (no params: same host and port, where a new
     * process may already listen) to every connection and give the miners {@link #RECONNECT_GRACE}
     * to leave by themselves, their last shares answered; close the connections left (reason
     * {@code pool_shutdown}); wait for the verdict on every found block; run the
     * {@link PoolShutdownHook}s; then release the node connections and every thread. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + SHUTDOWN_BUDGET.toNanos();
        drain();
        try {
            if (server != null) {
                disconnectMiners(deadline);
            }
            if (submitter != null) {
                int pending = submitter.awaitInFlight(timeLeft(deadline).minus(HOOK_RESERVE));
                if (pending > 0) {
                    log.error("shutdown: {} found block(s) still without a verdict; their hex is in {}", pending,
                            settings.logDir().resolve("blocks.jsonl"));
                }
            }
            for (PoolShutdownHook hook : shutdownHooks) {
                try {
                    hook.afterMinersDisconnected(timeLeft(deadline));
                } catch (InterruptedException e) {
                    throw e;
                } catch (Exception e) {
                    log.error("shutdown step {} failed", hook, e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.warn("shutdown interrupted: closing what is left at once");
        }
        if (server != null) {
            server.close();
        }
        if (zmq != null) {
            zmq.close();
        }
        if (updater != null) {
            updater.close();
        }
        if (submitter != null) {
            submitter.close();
        }
        if (bestsStore != null) {
            bestsStore.close(); // after the server: the last shares' records are in the final save
        }
        if (nodes != null) {
            nodes.close();
        }
        rpcExecutor.shutdownNow();
        if (startedMillis != 0) {
            log.info("pool closed: {} shares accepted, {} rejected, {} blocks found ({} accepted by a node)",
                    stats.sharesAccepted(), stats.sharesRejected(), stats.blocksFound(), stats.blocksAccepted());
        }
    }

    /** Asks every connection to reconnect, lets the miners leave, then closes whoever stayed. */
    private void disconnectMiners(long deadline) throws InterruptedException {
        int open = sessions.size();
        if (open > 0) {
            sessions.reconnectAll();
            Duration grace = timeLeft(deadline).compareTo(RECONNECT_GRACE) < 0 ? timeLeft(deadline) : RECONNECT_GRACE;
            boolean allLeft = sessions.awaitEmpty(grace);
            log.info("shutdown: asked {} connections to reconnect; {}", open,
                    allLeft ? "all left" : sessions.size() + " still open, closing them");
        }
        sessions.closeAll(timeLeft(deadline));
        sessions.awaitEmpty(timeLeft(deadline)); // their disconnect events are out once they are gone
    }

    private static Duration timeLeft(long deadlineNanos) {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }
}
