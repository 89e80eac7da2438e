package org.tbg.pool.node;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.address.AddressDecoder;
import org.tbg.bitcoin.address.InvalidAddressException;
import org.tbg.bitcoin.address.Network;
import org.tbg.bitcoin.address.PayoutScript;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.rpc.NodeClient;
import org.tbg.bitcoin.rpc.RpcException;

/**
 * Miner address → the script its blocks pay. Decodes locally; an address of a format the local
 * decoder does not know (bcoin's regtest prefixes, say) is asked of the node ({@code validateaddress}).
 * Answers are cached; node failures are not, so the next authorize asks again.
 */
public final class PayoutResolver {
    private static final Logger log = LoggerFactory.getLogger(PayoutResolver.class);
    /** Bound on cached answers; the cache is simply cleared when full (addresses are re-decoded cheaply). */
    private static final int MAX_CACHED = 100_000;

    private final NodeClient node;
    private final Executor rpcExecutor;
    private final Map<String, CompletableFuture<PayoutScript>> cache = new ConcurrentHashMap<>();
    private volatile Network network;

    public PayoutResolver(NodeClient node, Executor rpcExecutor) {
        this.node = node;
        this.rpcExecutor = rpcExecutor;
    }

    public void network(Network network) {
        this.network = network;
    }

    public Network network() {
        return network;
    }

    /**
     * Completes with the payout script, or exceptionally with {@link InvalidAddressException}
     * (the address is not valid here) or {@link NodeUnavailableException} (cannot tell now).
     */
    public CompletableFuture<PayoutScript> resolve(String address) {
        CompletableFuture<PayoutScript> cached = cache.get(address);
        if (cached != null) {
            return cached;
        }
        Network net = network;
        if (net == null) {
            return CompletableFuture.failedFuture(new NodeUnavailableException("no Bitcoin node has answered yet"));
        }
        CompletableFuture<PayoutScript> f = decode(address, net);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(address, f);
        f.whenComplete((s, err) -> {
            if (err != null && unwrap(err) instanceof NodeUnavailableException) {
                cache.remove(address, f);
            }
        });
        return f;
    }

    private CompletableFuture<PayoutScript> decode(String address, Network net) {
        try {
            return CompletableFuture.completedFuture(AddressDecoder.decode(address, net));
        } catch (InvalidAddressException e) {
            if (!e.unknownFormat()) {
                return CompletableFuture.failedFuture(e);
            }
            return CompletableFuture.supplyAsync(() -> askNode(address, e), rpcExecutor);
        }
    }

    private PayoutScript askNode(String address, InvalidAddressException local) {
        JsonNode r;
        try {
            r = node.validateAddress(address);
        } catch (RpcException e) {
            throw new NodeUnavailableException("cannot validate address with the node: " + e.getMessage());
        }
        if (!r.path("isvalid").asBoolean(false) || !r.hasNonNull("scriptPubKey")) {
            throw new java.util.concurrent.CompletionException(local);
        }
        try {
            PayoutScript s = PayoutScript.fromScript(Hex.decode(r.get("scriptPubKey").asText()));
            log.debug("address {} resolved by the node to {}", address, s.type().label());
            return s;
        } catch (IllegalArgumentException e) {
            throw new java.util.concurrent.CompletionException(
                    new InvalidAddressException("address pays a nonstandard script", false));
        }
    }

    public static Throwable unwrap(Throwable t) {
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
