package org.tbg.stratum.message;

/**
 * The numeric error codes stratum pools put in {@code error: [code, reason, null]}. The codes and
 * texts are the ones ckpool, cgminer and miner firmware already know; a reply may carry a more
 * specific reason than {@link #text()} (e.g. {@code [21, "Stale", null]}).
 */
public enum StratumError {
    OTHER(20, "Other/Unknown"),
    JOB_NOT_FOUND(21, "Job not found"),
    DUPLICATE(22, "Duplicate share"),
    LOW_DIFFICULTY(23, "Low difficulty share"),
    UNAUTHORIZED(24, "Unauthorized worker"),
    NOT_SUBSCRIBED(25, "Not subscribed");

    private final int code;
    private final String text;

    StratumError(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    /** The standard text for this code, used when there is no more specific reason. */
    public String text() {
        return text;
    }

    /** The error with this code, or {@link #OTHER} for codes this protocol does not define. */
    public static StratumError ofCode(int code) {
        for (StratumError e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return OTHER;
    }
}
