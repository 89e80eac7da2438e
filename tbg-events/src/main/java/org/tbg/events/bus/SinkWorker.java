package org.tbg.events.bus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.events.Event;

/**
 * One sink's queue, thread and counters. Any thread may {@link #offer}; only this worker's thread
 * polls the queue and calls the sink (until it has stopped, then {@link #closeSink} does).
 */
final class SinkWorker implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SinkWorker.class);
    /** How long an idle worker sleeps before looking again: bounds latency, keeps idle CPU near zero. */
    static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);
    /** Summing the drop counter is cheap but not free: look once a second, not once a batch. */
    private static final long REJECTION_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventSink sink;
    private final MpscArrayQueue<Event> queue;
    private final int maxBatch;
    private final Thread thread;

    /** Refused at emit: the queue was full or the bus closed (emitting threads). */
    private final LongAdder rejected = new LongAdder();
    // written by the worker thread only, read by anyone
    private volatile long written;
    private volatile long failed;
    /** Events taken off the queue and handled (written or dropped): the queue's consumer position. */
    private volatile long completed;
    /** {@link #completed} when the sink's flush last ran. */
    private volatile long flushedUpTo;
    /** The highest queue position a flush caller waits for. */
    private final AtomicLong flushTarget = new AtomicLong();
    private final Object flushSignal = new Object();
    private volatile boolean stopping;

    // worker thread only
    private final LogThrottle failureLog = new LogThrottle(LOG_INTERVAL);
    private final LogThrottle queueFullLog = new LogThrottle(LOG_INTERVAL);
    private long failedSinceLog;
    private long failedInStreak;
    private long rejectedReported;
    private long nextRejectionCheck = System.nanoTime();

    SinkWorker(EventSink sink, int queueSize, int maxBatch) {
        this.sink = sink;
        this.queue = new MpscArrayQueue<>(queueSize);
        this.maxBatch = maxBatch;
        this.thread = new Thread(this, "tbg-events-" + sink.name());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String name() {
        return sink.name();
    }

    /** Never blocks: a full queue drops the event for this sink and counts it. */
    void offer(Event event) {
        if (!queue.offer(event)) {
            rejected.increment();
        }
    }

    void reject() {
        rejected.increment();
    }

    long emitted() {
        return written;
    }

    long dropped() {
        long late;
        try {
            late = sink.lostAfterWrite();
        } catch (RuntimeException e) {
            late = 0;
        }
        return rejected.sum() + failed + late;
    }

    int queued() {
        return queue.size();
    }

    /** Asks for a flush of everything offered so far; returns the position to wait for. */
    long requestFlush() {
        long target = queue.currentProducerIndex();
        flushTarget.accumulateAndGet(target, Math::max);
        LockSupport.unpark(thread);
        return target;
    }

    /** Waits until the sink has written and flushed up to {@code target}; false at the deadline. */
    boolean awaitFlushed(long target, long deadlineNanos) throws InterruptedException {
        synchronized (flushSignal) {
            while (flushedUpTo < target) {
                long remaining = deadlineNanos - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(flushSignal, Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(10)));
            }
        }
        return true;
    }

    void stop() {
        stopping = true;
        LockSupport.unpark(thread);
    }

    /** Waits for the thread to end; a sink stuck in write is interrupted once, then left behind. */
    boolean awaitStopped(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(timeout.toMillis());
        }
        return !thread.isAlive();
    }

    /** After the thread stopped: counts what is still queued as dropped and closes the sink. */
    void closeSink(boolean threadStopped) {
        if (threadStopped) {
            long left = 0;
            while (queue.poll() != null) {
                left++;
            }
            if (left > 0) {
                failed += left;
                completed += left;
                log.warn("event sink {}: {} events still queued at close were dropped", name(), left);
            }
        } else {
            log.warn("event sink {}: still busy in write at close; closing it anyway", name());
        }
        if (failedSinceLog > 0) {
            log.warn("event sink {}: {} events dropped since the last report", name(), failedSinceLog);
        }
        try {
            sink.close();
        } catch (RuntimeException e) {
            log.warn("event sink {}: close failed: {}", name(), reason(e));
        }
    }

    @Override
    public void run() {
        while (true) {
            int handled = drainOneBatch();
            flushIfAsked();
            reportRejections();
            if (handled == 0) {
                if (stopping) {
                    return;
                }
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
        }
    }

    private int drainOneBatch() {
        Event first = queue.relaxedPoll();
        if (first == null) {
            return 0;
        }
        List<Event> batch = new ArrayList<>(Math.min(maxBatch, queue.size() + 1));
        batch.add(first);
        Event next;
        while (batch.size() < maxBatch && (next = queue.relaxedPoll()) != null) {
            batch.add(next);
        }
        int n = batch.size();
        try {
            sink.write(Collections.unmodifiableList(batch));
            written += n;
            recovered();
        } catch (PartialWriteException e) {
            int lost = Math.min(e.lost(), n);
            written += n - lost;
            lost(lost, e);
        } catch (Exception e) {
            lost(n, e);
        }
        completed += n;
        return n;
    }

    private void flushIfAsked() {
        long target = flushTarget.get();
        long done = completed;
        if (target <= flushedUpTo || done < target) {
            return;
        }
        try {
            sink.flush();
        } catch (Exception e) {
            if (failureLog.tryAcquire()) {
                log.warn("event sink {}: flush failed: {}", name(), reason(e));
            }
        }
        synchronized (flushSignal) {
            flushedUpTo = done;
            flushSignal.notifyAll();
        }
    }

    private void lost(int n, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.interrupted(); // only close interrupts us; the loop ends once the queue is empty
        }
        failed += n;
        failedSinceLog += n;
        failedInStreak += n;
        if (failureLog.tryAcquire()) {
            log.warn("event sink {}: {} events dropped: {}", name(), failedSinceLog, reason(e));
            failedSinceLog = 0;
        }
    }

    private void recovered() {
        if (failedInStreak > 0) {
            log.info("event sink {}: writing again after dropping {} events", name(), failedInStreak);
            failedInStreak = 0;
            failedSinceLog = 0;
        }
    }

    /** Logs queue-full drops (counted on the emitting threads) at most once per interval. */
    private void reportRejections() {
        long t = System.nanoTime();
        if (t - nextRejectionCheck < 0) {
            return;
        }
        nextRejectionCheck = t + REJECTION_CHECK_NANOS;
        long now = rejected.sum();
        if (now > rejectedReported && queueFullLog.tryAcquire()) {
            log.warn("event sink {}: queue full (capacity {}), {} events dropped", name(), queue.capacity(),
                    now - rejectedReported);
            rejectedReported = now;
        }
    }

    static String reason(Throwable e) {
        String message = e.getMessage();
        String type = e.getClass().getSimpleName();
        Throwable cause = e.getCause();
        if (e instanceof PartialWriteException && cause != null) {
            return message + " (" + reason(cause) + ")";
        }
        return message == null ? type : type + ": " + message;
    }
}
