package org.tbg.app.loadtest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON lines the load generator sends. Submits are the hot path and are written by hand, not
 * through a tree: at tens of thousands per second the generator shares the machine's cores with
 * the pool it measures, and every microsecond it spends is one the pool does not get.
 */
final class RequestLines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBMIT_HEAD = ",\"method\":\"mining.submit\",\"params\":[";

    private RequestLines() {}

    /** {@code {"id":id,"method":"mining.submit","params":[worker, job, en2, ntime, nonce]}} and a newline. */
    static String submit(long id, String worker, CraftedShare share) {
        StringBuilder b = new StringBuilder(160);
        b.append("{\"id\":").append(id).append(SUBMIT_HEAD);
        string(b, worker).append(',');
        string(b, share.jobId()).append(',');
        string(b, share.extranonce2Hex()).append(',');
        string(b, share.ntimeHex()).append(',');
        string(b, share.nonceHex());
        return b.append("]}\n").toString();
    }

    /** Any other request (the handshake): params converted by Jackson; a newline at the end. */
    static String request(long id, String method, Object... params) {
        ObjectNode req = JSON.createObjectNode();
        req.put("id", id);
        req.put("method", method);
        ArrayNode p = req.putArray("params");
        for (Object param : params) {
            p.add(param == null ? JSON.nullNode() : JSON.valueToTree(param));
        }
        return req + "\n";
    }

    /** A JSON string; quoted and escaped only when it has to be (the pool chose the job id, so it may). */
    private static StringBuilder string(StringBuilder b, String s) {
        b.append('"');
        if (plain(s)) {
            b.append(s);
        } else {
            JsonStringEncoder.getInstance().quoteAsString(s, b);
        }
        return b.append('"');
    }

    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
