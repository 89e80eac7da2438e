package org.tbg.bitcoin.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.tbg.bitcoin.encoding.Hex;

/**
 * Typed node calls over a {@link NodeFailover}. Each method throws what the failover throws, plus
 * {@link RpcResponseException} when the answer does not have the expected shape.
 * Thread-safe.
 */
public final class NodeClient {
    /** Core's RPC_TYPE_ERROR; bcoin answers it to an integer getblock verbosity. */
    private static final int RPC_TYPE_ERROR = -3;

    private final NodeFailover failover;

    public NodeClient(NodeFailover failover) {
        this.failover = Objects.requireNonNull(failover, "failover");
    }

    public NodeFailover failover() {
        return failover;
    }

    public ChainInfo blockchainInfo() throws RpcException {
        return parse("getblockchaininfo", failover.call("getblockchaininfo"), ChainInfo::fromJson);
    }

    /** {@code getblocktemplate {"rules": rules}}; pass {@code List.of("segwit")} for a witness commitment. */
    public BlockTemplate blockTemplate(List<String> rules) throws RpcException {
        JsonNode result = failover.call("getblocktemplate", Map.of("rules", List.copyOf(rules)));
        return parse("getblocktemplate", result, BlockTemplate::fromJson);
    }

    /** Display (RPC) order hex. */
    public String bestBlockHash() throws RpcException {
        return hash("getbestblockhash", failover.call("getbestblockhash"));
    }

    public long blockCount() throws RpcException {
        JsonNode result = failover.call("getblockcount");
        if (!result.isIntegralNumber()) {
            throw malformed("getblockcount", "not an integer: " + result, null);
        }
        return result.longValue();
    }

    /** Display (RPC) order hex of the main-chain block at {@code height}. */
    public String blockHash(long height) throws RpcException {
        return hash("getblockhash", failover.call("getblockhash", height));
    }

    /**
     * {@code getblock} with Core's verbosity: 0 raw hex (a text node), 1 with txids, 2 with decoded
     * transactions. bcoin takes {@code (hash, verbose, details)} booleans instead; 0 and 1 are sent
     * as booleans, which both accept, and 2 falls back to bcoin's form when the node rejects the
     * integer.
     */
    public JsonNode block(String hash, int verbosity) throws RpcException {
        switch (verbosity) {
            case 0:
                return failover.call("getblock", hash, false);
            case 1:
                return failover.call("getblock", hash, true);
            case 2:
                try {
                    return failover.call("getblock", hash, 2);
                } catch (RpcErrorException e) {
                    if (e.code() != RPC_TYPE_ERROR) {
                        throw e;
                    }
                    return failover.call("getblock", hash, true, true);
                }
            default:
                throw new IllegalArgumentException("getblock verbosity must be 0, 1 or 2: " + verbosity);
        }
    }

    /** The node's own view of an address; {@code isvalid} and {@code scriptPubKey} are what the pool reads. */
    public JsonNode validateAddress(String address) throws RpcException {
        return failover.call("validateaddress", address);
    }

    private String hash(String method, JsonNode result) throws RpcResponseException {
        if (!result.isTextual() || !Hex.isHex(result.asText(), 32)) {
            throw malformed(method, "not a 32-byte hex hash: " + result, null);
        }
        return result.asText();
    }

    private <T> T parse(String method, JsonNode result, Function<JsonNode, T> parser) throws RpcResponseException {
        try {
            return parser.apply(result);
        } catch (IllegalArgumentException e) {
            throw malformed(method, e.getMessage(), e);
        }
    }

    private RpcResponseException malformed(String method, String reason, Throwable cause) {
        return new RpcResponseException(failover.current() + " " + method + ": unexpected answer: " + reason, cause);
    }
}
