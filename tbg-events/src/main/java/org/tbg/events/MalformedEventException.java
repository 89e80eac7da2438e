package org.tbg.events;

/**
 * An event a consumer cannot take: the reason is a label for metrics and logs, the message says
 * which field and why. Thrown by {@link EventCodec#decode} (and by consumers with rules of their
 * own); never by the producer side.
 */
public final class MalformedEventException extends Exception {

    /** Why an event was refused; {@link #label()} is the metric label. */
    public enum Reason {
        BAD_JSON("bad_json"),
        UNKNOWN_TYPE("unknown_type"),
        MISSING_FIELD("missing_field"),
        WRONG_TYPE("wrong_type"),
        OVERSIZED("oversized"),
        /** Refused by the collector, not the codec: {@code ts} lies beyond the partitions it keeps ahead. */
        FUTURE_TS("future_ts");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Reason reason;

    public MalformedEventException(Reason reason, String message) {
        super(message, null, false, false); // refused input is routine: no stack trace
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
