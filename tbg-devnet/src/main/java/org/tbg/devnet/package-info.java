/**
 * An embedded regtest chain behind a Bitcoin Core–compatible JSON-RPC subset: {@link org.tbg.devnet.Devnet}
 * with {@link org.tbg.devnet.DevnetOptions}.
 *
 * <p>Parts: {@code chain} (block index, validation in Core's order with Core's reasons), {@code mempool}
 * (synthetic transactions), {@code mining} (templates, {@code generatetoaddress}), {@code rpc}
 * (HTTP JSON-RPC and one class per method), {@code zmq} ({@code hashblock} publisher).
 *
 * <p>Where it differs from Core, on purpose:
 * <ul>
 *   <li>No UTXO set and no script execution. Blocks may include only the mempool's synthetic
 *       transactions (anything else is {@code bad-txns-inputs-missingorspent}); their fees count
 *       toward the coinbase limit.</li>
 *   <li>No reorganization. A valid block on a known non-tip parent is stored and answered
 *       {@code inconclusive}, as Core answers a side branch; the active chain never switches to it,
 *       even if that branch grows longer.</li>
 *   <li>Every block after genesis must carry the configured bits; regtest's 20-minute
 *       minimum-difficulty exception does not apply.</li>
 *   <li>{@code getblocktemplate} long polling returns at once.</li>
 * </ul>
 */
package org.tbg.devnet;
