package org.tbg.stratum.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.tbg.bitcoin.encoding.Hex;

/**
 * The params of {@code mining.notify}, as hex strings exactly as sent (see {@link PrevHash} and the
 * header conventions in {@code org.tbg.stratum.work.StratumWork}).
 *
 * @param merkleBranch sibling hashes bottom-up, each in internal byte order
 */
public record NotifyJob(
        String jobId,
        String prevHash,
        String coinb1,
        String coinb2,
        List<String> merkleBranch,
        String version,
        String nbits,
        String ntime,
        boolean cleanJobs) {

    public NotifyJob {
        merkleBranch = List.copyOf(merkleBranch);
    }

    /**
     * Parses and checks notify params {@code [job_id, prevhash, coinb1, coinb2, [branch…], version,
     * nbits, ntime, clean_jobs]}.
     *
     * @throws IllegalArgumentException with a reason when a field is missing or not hex of the right size
     */
    public static NotifyJob fromParams(JsonNode params) {
        if (params == null || !params.isArray() || params.size() < 9) {
            throw new IllegalArgumentException("notify needs 9 params");
        }
        String jobId = text(params, 0, "job_id");
        String prevHash = hex(params, 1, "prevhash", 32);
        String coinb1 = hex(params, 2, "coinb1", -1);
        String coinb2 = hex(params, 3, "coinb2", -1);
        JsonNode branchNode = params.get(4);
        if (!branchNode.isArray()) {
            throw new IllegalArgumentException("merkle_branch is not an array");
        }
        List<String> branch = new ArrayList<>(branchNode.size());
        for (JsonNode h : branchNode) {
            if (!h.isTextual() || !Hex.isHex(h.textValue(), 32)) {
                throw new IllegalArgumentException("merkle_branch entry is not 32 bytes of hex");
            }
            branch.add(h.textValue());
        }
        String version = hex(params, 5, "version", 4);
        String nbits = hex(params, 6, "nbits", 4);
        String ntime = hex(params, 7, "ntime", 4);
        JsonNode clean = params.get(8);
        if (!clean.isBoolean()) {
            throw new IllegalArgumentException("clean_jobs is not a boolean");
        }
        return new NotifyJob(jobId, prevHash, coinb1, coinb2, branch, version, nbits, ntime, clean.booleanValue());
    }

    private static String text(JsonNode params, int i, String name) {
        JsonNode n = params.get(i);
        if (!n.isTextual()) {
            throw new IllegalArgumentException(name + " is not a string");
        }
        return n.textValue();
    }

    /** A hex param of {@code bytes} bytes, or of any even length when {@code bytes} is negative. */
    private static String hex(JsonNode params, int i, String name, int bytes) {
        String s = text(params, i, name);
        boolean ok = bytes >= 0 ? Hex.isHex(s, bytes) : (s.length() % 2 == 0 && Hex.isHex(s, s.length() / 2));
        if (!ok) {
            throw new IllegalArgumentException(name + " is not " + (bytes >= 0 ? bytes + " bytes of " : "") + "hex");
        }
        return s;
    }
}
