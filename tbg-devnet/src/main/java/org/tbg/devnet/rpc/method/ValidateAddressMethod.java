package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.devnet.rpc.Json;
import org.tbg.devnet.rpc.Params;
import org.tbg.devnet.rpc.RpcError;
import org.tbg.devnet.rpc.RpcMethod;

/** {@code validateaddress ADDR}: Core's answer for regtest addresses; an invalid one is a result, not an error. */
public final class ValidateAddressMethod implements RpcMethod {
    public static final String NAME = "validateaddress";
    public static final List<String> ARGS = List.of("address");

    @Override
    public JsonNode call(Params params) throws RpcError {
        String text = params.requiredString(0, "address");
        ObjectNode json = Json.NODES.objectNode();
        RegtestAddress address;
        try {
            address = RegtestAddress.decode(text);
        } catch (RegtestAddress.Invalid e) {
            json.put("isvalid", false);
            json.putArray("error_locations");
            json.put("error", e.getMessage());
            return json;
        }
        json.put("isvalid", true);
        describe(address, json);
        return json;
    }

    /** The fields validateaddress and getaddressinfo share. */
    static void describe(RegtestAddress address, ObjectNode json) {
        json.put("address", address.address());
        json.put("scriptPubKey", address.scriptHex());
        if (!address.isWitness() || address.witnessVersion() <= 1) {
            json.put("isscript", address.isScript()); // Core leaves it out for unknown witness versions
        }
        json.put("iswitness", address.isWitness());
        if (address.isWitness()) {
            json.put("witness_version", address.witnessVersion());
            json.put("witness_program", Hex.encode(address.witnessProgram()));
        }
    }
}
