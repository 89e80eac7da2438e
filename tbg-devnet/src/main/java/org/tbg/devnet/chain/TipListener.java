package org.tbg.devnet.chain;

/**
 * Told of each new tip. Called on the submitting thread with the chain's lock held, in tip order:
 * keep it short and do not call back into the chain.
 */
@FunctionalInterface
public interface TipListener {
    void tipChanged(ChainEntry tip);
}
