package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tbg.devnet.rpc.Json;
import org.tbg.devnet.rpc.Params;
import org.tbg.devnet.rpc.RpcError;
import org.tbg.devnet.rpc.RpcErrorCode;
import org.tbg.devnet.rpc.RpcMethod;

/**
 * {@code getaddressinfo ADDR}, as Core's wallet answers for an address it does not own. An invalid
 * address is an error here ({@code -5 "Invalid address"}), unlike {@code validateaddress}.
 */
public final class AddressInfoMethod implements RpcMethod {
    public static final String NAME = "getaddressinfo";
    public static final List<String> ARGS = List.of("address");

    @Override
    public JsonNode call(Params params) throws RpcError {
        String text = params.requiredString(0, "address");
        RegtestAddress address;
        try {
            address = RegtestAddress.decode(text);
        } catch (RegtestAddress.Invalid e) {
            throw new RpcError(RpcErrorCode.INVALID_ADDRESS_OR_KEY, "Invalid address");
        }
        ObjectNode json = Json.NODES.objectNode();
        ValidateAddressMethod.describe(address, json);
        json.put("ismine", false);
        json.put("solvable", false);
        json.put("iswatchonly", false);
        json.put("ischange", false);
        json.putArray("labels");
        return json;
    }
}
