package org.tbg.app.loadtest;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link LoadPlan}: opens the miners' connections evenly across the ramp on one shared
 * Netty event loop group (each miner and its connection on one loop), lets them submit for the duration, stops submitting, waits up to
 * {@link #DRAIN} for the replies in flight, closes every connection and reports. Bounded in time:
 * {@link #run()} returns at most duration + drain + {@link #SHUTDOWN_WAIT} after it started, or
 * sooner after {@link #stop()}.
 *
 * <p>Thread rule: {@link #run()} once, on a thread it blocks; {@link #stop()} from any thread.
 */
public final class LoadGenerator {
    private static final Logger log = LoggerFactory.getLogger(LoadGenerator.class);

    /** How long replies in flight are awaited after the last submit. */
    public static final Duration DRAIN = Duration.ofSeconds(5);
    /** Bound on closing the connections and stopping the event loops. */
    static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);
    /** A progress line this often, so a soak shows it is alive. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);
    private static final long DRAIN_POLL_MILLIS = 20;

    private final LoadPlan plan;
    private final String profileName;
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    /** @param profileName what the report calls the profile ({@value LoadProfile#CUSTOM} when changed on the command line) */
    public LoadGenerator(LoadPlan plan, String profileName) {
        this.plan = plan;
        this.profileName = profileName;
    }

    /** Ends the submit phase now; {@link #run()} then drains and reports as usual. */
    public void stop() {
        stopRequested.countDown();
    }

    public LoadReport run() throws InterruptedException {
        LoadProfile p = plan.profile();
        int timelineSeconds = (int) (p.duration().toSeconds() + DRAIN.toSeconds() + SHUTDOWN_WAIT.toSeconds() + 2);
        for (String warning : LoadCapacity.warnings(plan, LoadCapacity.maxOpenFiles(), LoadCapacity.ephemeralPorts())) {
            log.warn("{}", warning);
        }
        LoadTransport transport = LoadTransport.open(plan.ioThreads());
        EventLoopGroup group = transport.group();
        ThreadPoolExecutor grinder = plan.validShares() ? grinder() : null;
        RunState state = new RunState();
        long start = System.nanoTime();
        LoadRecorder recorder = new LoadRecorder(start, timelineSeconds, plan.warmup().toNanos());
        LoadContext context = new LoadContext(plan, group, transport.channelType(), recorder, state, grinder);
        log.info("loadtest {}: {} miners → {}:{}, {} shares/min each, {} s (ramp {} s, warm-up {} s){}{}; {} {} threads",
                profileName, p.miners(), plan.host(), plan.port(), plain(p.sharesPerMinute()),
                plain(p.duration().toMillis() / 1000.0), plain(p.ramp().toMillis() / 1000.0),
                plain(plan.warmup().toMillis() / 1000.0), plan.validShares() ? ", valid shares" : "",
                plan.sourceAddresses().isEmpty() ? "" : ", from " + plan.sourceAddresses().size() + " source addresses",
                transport.threads(), transport.name());
        List<SimulatedMiner> miners = new ArrayList<>(p.miners());
        try {
            for (int i = 0; i < p.miners(); i++) {
                SimulatedMiner miner = new SimulatedMiner(i, context);
                miners.add(miner);
                miner.startAfter(plan.startDelay(i));
            }
            submitPhase(start, recorder);
            long submitEnd = System.nanoTime();
            state.stopSubmitting();
            drain(recorder);
            state.end();
            miners.forEach(SimulatedMiner::stop);
            shutDown(group, grinder);
            return recorder.report(plan, profileName, (submitEnd - start) / 1e9);
        } finally {
            state.end();
            shutDown(group, grinder);
        }
    }

    private void submitPhase(long start, LoadRecorder recorder) throws InterruptedException {
        long end = start + plan.profile().duration().toNanos();
        long nextProgress = start + PROGRESS_INTERVAL.toNanos();
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                return;
            }
            if (stopRequested.await(Math.min(end, nextProgress) - now, TimeUnit.NANOSECONDS)) {
                log.info("loadtest stopped early");
                return;
            }
            if (System.nanoTime() >= nextProgress) {
                nextProgress += PROGRESS_INTERVAL.toNanos();
                log.info("t={} s: {} connections open, {} submitted, {} accepted, {} rejected, {} awaiting a reply",
                        (System.nanoTime() - start) / 1_000_000_000L, recorder.openConnections(), recorder.submittedCount(),
                        recorder.acceptedCount(), recorder.rejectedCount(), recorder.inFlight());
            }
        }
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static void drain(LoadRecorder recorder) throws InterruptedException {
        long end = System.nanoTime() + DRAIN.toNanos();
        while (recorder.inFlight() > 0 && System.nanoTime() < end) {
            Thread.sleep(DRAIN_POLL_MILLIS);
        }
    }

    private static void shutDown(EventLoopGroup group, ThreadPoolExecutor grinder) {
        if (grinder != null) {
            grinder.shutdownNow();
        }
        // closing the channels runs their close callbacks (the last counts) before the loops stop
        group.shutdownGracefully(0, SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_WAIT.toMillis() * 2);
    }

    /**
     * Threads that search for valid shares: half the cores, leaving the rest to the event loops
     * (and, on one machine, to the pool). The short queue makes a miner skip a share rather than
     * fall ever further behind its schedule.
     */
    private static ThreadPoolExecutor grinder() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 4),
                new DefaultThreadFactory("loadtest-grinder", true));
    }
}
