package org.tbg.stratum.miner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.tbg.stratum.testing.FakeStratumServer;

/**
 * Pool behaviour for the miner tests: answers configure/subscribe/authorize, sends
 * set_difficulty + notify after authorize, and checks every submit with {@link TestWork}'s
 * bitcoinj oracle, accepting those that meet the share or the network target.
 */
final class MinerTestPool implements FakeStratumServer.Handler {
    static final String GRANTED_MASK = "1fffe000";

    /** One checked submit. */
    record Submit(int conn, JsonNode params, String jobId, BigInteger hash, boolean meetsShare, boolean meetsNetwork,
                  long mask, boolean accepted) {
        boolean hasVersionBits() {
            return params.size() > 5 && Long.parseLong(params.get(5).textValue(), 16) != 0;
        }
    }

    volatile double difficulty = 0.0001;
    volatile boolean authorizeOk = true;
    volatile String rejectAllWith;
    /** After an accepted block candidate, send a fresh clean job on the next height. */
    volatile boolean newJobAfterBlock;
    volatile FakeStratumServer.Handler afterSubmit;

    final Map<String, TestWork> jobs = new ConcurrentHashMap<>();
    volatile TestWork current;
    final List<Submit> submits = new CopyOnWriteArrayList<>();
    private final Map<Integer, Long> maskByConn = new ConcurrentHashMap<>();
    private final AtomicInteger height = new AtomicInteger(101);

    MinerTestPool(TestWork first) {
        offer(first);
    }

    void offer(TestWork work) {
        jobs.put(work.jobId, work);
        current = work;
    }

    static String extranonce1(int conn) {
        return String.format("%08x", 0xabcd0000 + conn);
    }

    @Override
    public void onMessage(FakeStratumServer.Conn c, JsonNode msg) {
        JsonNode id = msg.get("id");
        JsonNode p = msg.get("params");
        String method = msg.path("method").asText();
        ObjectNode reply = FakeStratumServer.JSON.createObjectNode();
        reply.set("id", id);
        reply.putNull("error");
        switch (method) {
            case "mining.configure" -> {
                maskByConn.put(c.index(), Long.parseLong(GRANTED_MASK, 16));
                reply.putObject("result").put("version-rolling", true).put("version-rolling.mask", GRANTED_MASK);
                c.send(reply.toString());
            }
            case "mining.subscribe" -> {
                ArrayNode r = reply.putArray("result");
                String sid = "sid" + c.index();
                ArrayNode subs = r.addArray();
                subs.addArray().add("mining.set_difficulty").add(sid);
                subs.addArray().add("mining.notify").add(sid);
                r.add(extranonce1(c.index())).add(TestWork.EXTRANONCE2_SIZE);
                c.send(reply.toString());
            }
            case "mining.authorize" -> {
                if (authorizeOk) {
                    reply.put("result", true);
                    c.send(reply.toString());
                    c.send("{\"id\":null,\"method\":\"mining.set_difficulty\",\"params\":[" + difficulty + "]}");
                    c.send(current.notifyLine(true));
                } else {
                    reply.put("result", false);
                    reply.putArray("error").add(24).add("invalid address: nope").addNull();
                    c.send(reply.toString());
                }
            }
            case "mining.submit" -> onSubmit(c, p, reply);
            default -> {
                reply.putNull("result");
                reply.putArray("error").add(20).add("Unknown method").addNull();
                c.send(reply.toString());
            }
        }
    }

    private void onSubmit(FakeStratumServer.Conn c, JsonNode p, ObjectNode reply) {
        String jobId = p.get(1).textValue();
        TestWork work = jobs.get(jobId);
        long mask = maskByConn.getOrDefault(c.index(), 0L);
        BigInteger hash = work.hashOfSubmit(extranonce1(c.index()), p, mask);
        boolean share = hash.compareTo(TestWork.shareTarget(difficulty)) <= 0;
        boolean network = hash.compareTo(work.networkTarget()) <= 0;
        boolean accept = rejectAllWith == null && (share || network);
        submits.add(new Submit(c.index(), p, jobId, hash, share, network, mask, accept));
        if (accept) {
            reply.put("result", true);
        } else {
            String reason = rejectAllWith != null ? rejectAllWith : "Low difficulty share";
            reply.put("result", false);
            reply.putArray("error").add(23).add(reason).addNull();
            reply.put("reject-reason", reason);
        }
        c.send(reply.toString());
        if (accept && network && newJobAfterBlock && work == current) {
            TestWork next = TestWork.create("h" + height.incrementAndGet(), height.get(), hexOf(hash), 2, work.nbits);
            offer(next);
            c.send(next.notifyLine(true));
        }
        FakeStratumServer.Handler after = afterSubmit;
        if (after != null) {
            try {
                after.onMessage(c, p);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private static String hexOf(BigInteger hash) {
        return String.format("%064x", hash);
    }
}
