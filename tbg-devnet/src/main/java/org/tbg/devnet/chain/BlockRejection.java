package org.tbg.devnet.chain;

/**
 * Why a block was refused, in Bitcoin Core's words.
 *
 * @param reason  Core's reject reason, the string {@code submitblock} answers (e.g. {@code high-hash})
 * @param detail  a longer explanation for logs (Core's debug message)
 * @param marksInvalid true when Core would remember the block as invalid, so that submitting it
 *                again answers {@code duplicate-invalid}; false for failures that say nothing about
 *                the header (a mutated transaction list, a malformed block)
 */
public record BlockRejection(String reason, String detail, boolean marksInvalid) {

    /** A failure Core does not remember: the block never entered its index, or its body was mutated. */
    public static BlockRejection of(String reason, String detail) {
        return new BlockRejection(reason, detail, false);
    }

    /** A failure that marks the block (by hash) invalid for good. */
    public static BlockRejection markingInvalid(String reason, String detail) {
        return new BlockRejection(reason, detail, true);
    }
}
