package org.tbg.devnet.rpc.method;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.tbg.devnet.rpc.Json;
import org.tbg.devnet.rpc.Params;
import org.tbg.devnet.rpc.RpcMethod;

/** {@code getnetworkinfo}: a node with no peers; the version fields say what answers. */
public final class NetworkInfoMethod implements RpcMethod {
    public static final String NAME = "getnetworkinfo";
    public static final List<String> ARGS = List.of();

    /** The Core release whose RPC answers the devnet imitates, in Core's numbering (27.0.0). */
    private static final int VERSION = 270000;
    private static final int PROTOCOL_VERSION = 70016;
    private static final String SUBVERSION = "/tbg-devnet:0.1.0/";
    /** Core's default minimum relay and incremental fee rates, BTC/kvB. */
    private static final BigDecimal RELAY_FEE = new BigDecimal("0.00001000");

    @Override
    public JsonNode call(Params params) {
        ObjectNode json = Json.NODES.objectNode();
        json.put("version", VERSION);
        json.put("subversion", SUBVERSION);
        json.put("protocolversion", PROTOCOL_VERSION);
        json.put("localservices", "0000000000000000");
        json.putArray("localservicesnames");
        json.put("localrelay", true);
        json.put("timeoffset", 0);
        json.put("networkactive", true);
        json.put("connections", 0);
        json.put("connections_in", 0);
        json.put("connections_out", 0);
        json.putArray("networks");
        json.put("relayfee", RELAY_FEE);
        json.put("incrementalfee", RELAY_FEE);
        json.putArray("localaddresses");
        json.putArray("warnings");
        return json;
    }
}
