package org.tbg.pool.work;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;

/**
 * The current job and the recent ones shares may still name. Jobs are published by the template
 * updater; any thread may look them up.
 */
public final class WorkManager {
    private static final Logger log = LoggerFactory.getLogger(WorkManager.class);

    /** How long a job stays known after it was superseded: shares in flight still find it (as stale or valid). */
    static final long JOB_RETENTION_MILLIS = 10 * 60 * 1000;

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    /** Jobs in publication order; guarded by this (published by the template thread, reissued by event loops). */
    private final ArrayDeque<Job> order = new ArrayDeque<>();
    private final CopyOnWriteArrayList<JobListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Job current;

    public void addListener(JobListener l) {
        listeners.add(l);
    }

    public Job current() {
        return current;
    }

    public Job find(String jobId) {
        return jobs.get(jobId);
    }

    /** A job is stale once the chain tip it builds on is no longer the current job's. */
    public boolean isStale(Job job) {
        Job c = current;
        return c != null && c != job && !java.util.Arrays.equals(c.prevHash(), job.prevHash());
    }

    /** Makes a reissued job findable by shares without announcing it to every connection. */
    public synchronized void register(Job job) {
        jobs.put(job.id(), job);
        order.addLast(job);
    }

    public synchronized void publish(Job job) {
        Job previous = current;
        jobs.put(job.id(), job);
        order.addLast(job);
        current = job;
        expireSuperseded(job.createdMillis());
        if (previous == null || job.cleanJobs()) {
            log.info("new work: height {} prev {} txs {} value {} sat ({})", job.height(),
                    Hex.encode(Bytes.reversed(job.prevHash())), job.template().transactions().size(),
                    job.template().coinbaseValue(), job.id());
        } else {
            log.debug("refreshed work: height {} txs {} ({})", job.height(), job.template().transactions().size(), job.id());
        }
        for (JobListener l : listeners) {
            l.onJob(job);
        }
    }

    /** Drops jobs whose successor was published more than the retention ago. */
    private void expireSuperseded(long now) {
        while (order.size() > 1) {
            Iterator<Job> it = order.iterator();
            Job oldest = it.next();
            Job successor = it.next();
            if (now - successor.createdMillis() <= JOB_RETENTION_MILLIS) {
                return;
            }
            order.removeFirst();
            jobs.remove(oldest.id());
        }
    }
}
