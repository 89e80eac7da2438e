package org.tbg.devnet.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The dispatch table: method name → argument names and handler. Immutable once built. */
public final class RpcMethods {
    private record Entry(List<String> argNames, RpcMethod method) {}

    private final Map<String, Entry> table;

    private RpcMethods(Map<String, Entry> table) {
        this.table = Map.copyOf(table);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @throws RpcError {@code -32601} for an unknown method, or whatever the method answers */
    public JsonNode call(String name, JsonNode params) throws RpcError {
        Entry entry = table.get(name);
        if (entry == null) {
            throw new RpcError(RpcErrorCode.METHOD_NOT_FOUND, "Method not found");
        }
        JsonNode result = entry.method().call(Params.of(name, params, entry.argNames()));
        return result == null ? NullNode.getInstance() : result;
    }

    public Set<String> names() {
        return table.keySet();
    }

    public static final class Builder {
        private final Map<String, Entry> table = new LinkedHashMap<>();

        /** @param argNames the method's arguments in position order (for named-argument requests and the count check) */
        public Builder add(String name, List<String> argNames, RpcMethod method) {
            if (table.putIfAbsent(name, new Entry(List.copyOf(argNames), method)) != null) {
                throw new IllegalArgumentException("method " + name + " registered twice");
            }
            return this;
        }

        public RpcMethods build() {
            return new RpcMethods(table);
        }
    }
}
