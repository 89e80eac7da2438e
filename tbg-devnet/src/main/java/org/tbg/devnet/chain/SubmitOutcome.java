package org.tbg.devnet.chain;

/**
 * What became of a submitted block, and the answer Core's {@code submitblock} gives for it.
 *
 * @param status    what happened
 * @param rejection why, when {@code status} is {@link Status#REJECTED}; otherwise null
 * @param entry     the stored block for {@link Status#ACCEPTED} and {@link Status#SIDE_BRANCH}; otherwise null
 */
public record SubmitOutcome(Status status, BlockRejection rejection, ChainEntry entry) {

    public enum Status {
        /** Valid and now the tip. */
        ACCEPTED,
        /** Valid so far and stored, but its parent is not the tip: not connected ("inconclusive"). */
        SIDE_BRANCH,
        /** Already known and valid (or stored on a side branch). */
        DUPLICATE,
        /** Already known and invalid. */
        DUPLICATE_INVALID,
        /** Refused; see {@link #rejection()}. */
        REJECTED
    }

    public static SubmitOutcome accepted(ChainEntry entry) {
        return new SubmitOutcome(Status.ACCEPTED, null, entry);
    }

    public static SubmitOutcome sideBranch(ChainEntry entry) {
        return new SubmitOutcome(Status.SIDE_BRANCH, null, entry);
    }

    public static SubmitOutcome duplicate() {
        return new SubmitOutcome(Status.DUPLICATE, null, null);
    }

    public static SubmitOutcome duplicateInvalid() {
        return new SubmitOutcome(Status.DUPLICATE_INVALID, null, null);
    }

    public static SubmitOutcome rejected(BlockRejection rejection) {
        return new SubmitOutcome(Status.REJECTED, rejection, null);
    }

    /** {@code submitblock}'s result: null on success, else Core's string. */
    public String rpcResult() {
        return switch (status) {
            case ACCEPTED -> null;
            case SIDE_BRANCH -> "inconclusive";
            case DUPLICATE -> "duplicate";
            case DUPLICATE_INVALID -> "duplicate-invalid";
            case REJECTED -> rejection.reason();
        };
    }

    /** The reject reason, or null when not rejected; handy in tests. */
    public String reason() {
        return rejection == null ? null : rejection.reason();
    }
}
