package org.tbg.pool;

/**
 * The mining engine: node access, work, the stratum server and block submission, wired together.
 * Lifecycle: construct, {@link #start()}, {@link #close()}.
 */
public final class Pool implements AutoCloseable {
    private final PoolSettings settings;

    public Pool(PoolSettings settings) {
        this.settings = settings;
    }

    /** Connects to the nodes, fetches the first template and binds the stratum listeners. */
    public void start() throws Exception {
        throw new UnsupportedOperationException("engine not wired yet");
    }

    /** Stops accepting, disconnects miners and releases every thread. */
    @Override
    public void close() {
    }

    public PoolSettings settings() {
        return settings;
    }
}
