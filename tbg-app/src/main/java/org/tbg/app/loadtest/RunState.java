package org.tbg.app.loadtest;

/**
 * The phase of a load run, read by every miner from any thread: submitting (the duration), then
 * draining (no new submits; replies in flight may still come), then ended (connections closing).
 */
final class RunState {
    private volatile boolean submitting = true;
    private volatile boolean ended;

    boolean submitting() {
        return submitting;
    }

    boolean ended() {
        return ended;
    }

    void stopSubmitting() {
        submitting = false;
    }

    void end() {
        submitting = false;
        ended = true;
    }
}
