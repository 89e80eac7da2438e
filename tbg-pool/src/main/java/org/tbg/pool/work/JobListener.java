package org.tbg.pool.work;

/** Receives each new job; called from the template updater's thread, so implementations hand off. */
@FunctionalInterface
public interface JobListener {
    void onJob(Job job);
}
