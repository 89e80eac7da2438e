package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.tbg.devnet.mining.BlockGenerator;
import org.tbg.devnet.rpc.Json;
import org.tbg.devnet.rpc.Params;
import org.tbg.devnet.rpc.RpcError;
import org.tbg.devnet.rpc.RpcErrorCode;
import org.tbg.devnet.rpc.RpcMethod;

/**
 * {@code generatetoaddress NBLOCKS ADDR [MAXTRIES]}: mines blocks paying the address, with the
 * mempool's transactions; returns their hashes. {@code MAXTRIES} (default 1,000,000, as Core)
 * bounds the hashes tried over all blocks, so at hard bits fewer blocks may come back.
 */
public final class GenerateToAddressMethod implements RpcMethod {
    public static final String NAME = "generatetoaddress";
    public static final List<String> ARGS = List.of("nblocks", "address", "maxtries");

    private static final long DEFAULT_MAX_TRIES = 1_000_000;

    private final BlockGenerator generator;

    public GenerateToAddressMethod(BlockGenerator generator) {
        this.generator = generator;
    }

    @Override
    public JsonNode call(Params params) throws RpcError {
        long count = params.requiredLong(0, "nblocks");
        String text = params.requiredString(1, "address");
        long maxTries = params.optionalLong(2, DEFAULT_MAX_TRIES);
        if (count < 0 || count > Integer.MAX_VALUE) {
            throw RpcError.invalidParameter("nblocks out of range: " + count);
        }
        RegtestAddress address;
        try {
            address = RegtestAddress.decode(text);
        } catch (RegtestAddress.Invalid e) {
            throw new RpcError(RpcErrorCode.INVALID_ADDRESS_OR_KEY, "Error: Invalid address");
        }
        ArrayNode hashes = Json.NODES.arrayNode();
        for (String hash : generator.generate((int) count, address.scriptPubKey(), maxTries)) {
            hashes.add(hash);
        }
        return hashes;
    }
}
