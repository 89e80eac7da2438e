package org.tbg.pool.block;

/**
 * What became of a found block.
 *
 * @param result {@code accepted}, {@code rejected:<reason>}, {@code inconclusive} or {@code error}
 *               (the {@code submit_result} of the {@code block_found} event)
 * @param submitMillis from the start of submission to this verdict
 */
public record SubmitOutcome(FoundBlock block, String result, long submitMillis) {

    public boolean accepted() {
        return result.equals("accepted");
    }
}
