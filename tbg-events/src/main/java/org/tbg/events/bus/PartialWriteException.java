package org.tbg.events.bus;

/**
 * Thrown by {@link EventSink#write} when part of a batch went out and part did not (a datagram
 * refused mid-batch, NATS gone after some publishes): the bus counts {@link #lost()} events as
 * dropped and the rest as emitted.
 */
public final class PartialWriteException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int lost;

    public PartialWriteException(int lost, String message, Throwable cause) {
        super(message, cause);
        if (lost < 0) {
            throw new IllegalArgumentException("lost must be >= 0: " + lost);
        }
        this.lost = lost;
    }

    /** How many events of the batch did not reach the sink's destination. */
    public int lost() {
        return lost;
    }
}
