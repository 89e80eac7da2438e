package org.tbg.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tbg.bitcoin.rpc.JsonRpcClient;
import org.tbg.bitcoin.rpc.RpcException;

/**
 * Chain helpers for tests against a {@link BcoinNode}. Failures are unchecked
 * ({@link IllegalStateException} with the RPC error as cause) so they read well in assertions.
 */
public final class BcoinChain {
    /**
     * A bcoin-regtest address anyone can spend: P2WSH of the script {@code OP_TRUE} (0x51), spent
     * with the witness stack {@code [51]}. Mine to it when a test needs coins it can spend without
     * keys. (bcoin 1.0.2 uses the bech32 HRP {@code rb} on regtest, not Core's {@code bcrt}.)
     */
    public static final String ANYONE_CAN_SPEND_ADDRESS = "rb1qft5p2uhsdcdc3l2ua4ap5qqfg4pjaqlp250x7us7a8qqhrxrxfsqmescae";

    private final JsonRpcClient rpc;

    public BcoinChain(JsonRpcClient rpc) {
        this.rpc = Objects.requireNonNull(rpc, "rpc");
    }

    public static BcoinChain of(BcoinNode node) {
        return new BcoinChain(node.rpc());
    }

    /** Mines {@code n} blocks paying {@code address}; returns their hashes (display order), oldest first. */
    public List<String> generateToAddress(int n, String address) {
        JsonNode hashes = call("generatetoaddress", n, address);
        List<String> out = new ArrayList<>(hashes.size());
        hashes.forEach(h -> out.add(h.asText()));
        return out;
    }

    /** Height of the best block. */
    public long height() {
        return call("getblockcount").asLong();
    }

    /** The main-chain block at {@code height}, verbose with decoded transactions (bcoin's {@code getblock HASH true true}). */
    public JsonNode blockAt(long height) {
        String hash = call("getblockhash", height).asText();
        return call("getblock", hash, true, true);
    }

    private JsonNode call(String method, Object... params) {
        try {
            return rpc.call(method, params);
        } catch (RpcException e) {
            throw new IllegalStateException("bcoin " + method + " failed: " + e.getMessage(), e);
        }
    }
}
