package org.tbg.pool.block;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.rpc.JsonRpcClient;
import org.tbg.bitcoin.rpc.NodeFailover;
import org.tbg.bitcoin.rpc.RpcErrorException;
import org.tbg.bitcoin.rpc.RpcException;

/**
 * Submits found blocks: journal first, then {@code submitblock} to every configured node at once,
 * each retried on network errors until it answers definitively or the chain has moved past the
 * block's height. The verdict is reported once: as soon as one node accepts, or when every node
 * has finished.
 */
public final class BlockSubmitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BlockSubmitter.class);

    /** Backoff between retries to an unreachable node, doubling up to the maximum. */
    static final long FIRST_RETRY_MILLIS = 250;
    static final long MAX_RETRY_MILLIS = 5_000;
    /** A block nobody could take within this long is reported as an error (the journal keeps it). */
    static final long GIVE_UP_MILLIS = 10 * 60_000;

    private final NodeFailover nodes;
    private final BlockJournal journal;
    private final Consumer<SubmitOutcome> onOutcome;
    private final Set<CompletableFuture<SubmitOutcome>> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tbg-submit");
        t.setDaemon(true);
        return t;
    });

    public BlockSubmitter(NodeFailover nodes, BlockJournal journal, Consumer<SubmitOutcome> onOutcome) {
        this.nodes = nodes;
        this.journal = journal;
        this.onOutcome = onOutcome;
    }

    /** Returns at once; the outcome goes to the listener given at construction. */
    public CompletableFuture<SubmitOutcome> submit(FoundBlock block) {
        CompletableFuture<SubmitOutcome> f = CompletableFuture.supplyAsync(() -> run(block), executor);
        inFlight.add(f);
        f.whenComplete((outcome, err) -> inFlight.remove(f));
        return f;
    }

    /**
     * Waits until every submission started so far has its verdict, or {@code timeout} has passed.
     * @return the number still in progress (0 when all are done)
     */
    public int awaitInFlight(Duration timeout) throws InterruptedException {
        List<CompletableFuture<SubmitOutcome>> pending = List.copyOf(inFlight);
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // counted below: whatever is not done yet
        }
        return (int) pending.stream().filter(f -> !f.isDone()).count();
    }

    private SubmitOutcome run(FoundBlock b) {
        long start = System.nanoTime();
        log.warn("BLOCK FOUND height {} hash {} by {} (share diff {}, network diff {}): submitting to {} node(s)",
                b.height(), b.hash(), b.worker().name().fullName(), b.shareDiff(), b.networkDiff(), nodes.clients().size());
        try {
            journal.found(b);
        } catch (IOException e) {
            // Submitting matters more than the journal; say so loudly and go on.
            log.error("could not journal block {} before submission: {}", b.hash(), e.toString());
        }
        List<CompletableFuture<String>> perNode = new ArrayList<>();
        CompletableFuture<String> first = new CompletableFuture<>();
        AtomicBoolean answered = new AtomicBoolean();
        for (JsonRpcClient client : nodes.clients()) {
            CompletableFuture<String> f = CompletableFuture.supplyAsync(() -> submitTo(client, b, answered), executor);
            f.thenAccept(r -> {
                if (r.equals("accepted")) {
                    first.complete(r);
                }
            });
            perNode.add(f);
        }
        CompletableFuture.allOf(perNode.toArray(CompletableFuture[]::new))
                .whenComplete((v, e) -> first.complete(combine(perNode)));
        String result = first.join();
        long ms = (System.nanoTime() - start) / 1_000_000;
        SubmitOutcome outcome = new SubmitOutcome(b, result, ms);
        if (outcome.accepted()) {
            log.warn("BLOCK ACCEPTED height {} hash {} by {} in {} ms", b.height(), b.hash(), b.worker().name().fullName(), ms);
        } else {
            log.error("BLOCK NOT ACCEPTED height {} hash {} by {}: {} ({} ms); block hex is in {}",
                    b.height(), b.hash(), b.worker().name().fullName(), result, ms, journal.file());
        }
        try {
            journal.outcome(b, result, ms);
        } catch (IOException e) {
            log.error("could not journal the outcome of block {}: {}", b.hash(), e.toString());
        }
        onOutcome.accept(outcome);
        return outcome;
    }

    /**
     * One node, until it answers definitively; an unreachable node is retried only until some
     * node has answered (it will hear of the block from its peers) or the chain has moved on.
     */
    private String submitTo(JsonRpcClient client, FoundBlock b, AtomicBoolean answered) {
        long start = System.currentTimeMillis();
        long backoff = FIRST_RETRY_MILLIS;
        AtomicBoolean loggedDown = new AtomicBoolean();
        while (true) {
            try {
                JsonNode r = client.call("submitblock", b.blockHex());
                String verdict = classify(r);
                if (verdict.equals("inconclusive")) {
                    verdict = confirm(client, b);
                }
                answered.set(true);
                log.info("submitblock {} to {}: {}", b.hash(), client.endpoint(), verdict);
                return verdict;
            } catch (RpcErrorException e) {
                answered.set(true);
                log.info("submitblock {} to {}: error {}", b.hash(), client.endpoint(), e.getMessage());
                return "rejected:" + e.getMessage();
            } catch (RpcException e) {
                if (loggedDown.compareAndSet(false, true)) {
                    log.warn("submitblock {} to {} failed ({}): retrying", b.hash(), client.endpoint(), e.getMessage());
                }
                if (answered.get() || System.currentTimeMillis() - start > GIVE_UP_MILLIS || chainMovedPast(b)) {
                    return "error";
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_RETRY_MILLIS);
            }
        }
    }

    /**
     * {@code null} and {@code "duplicate"} mean the node has the block; anything else is its reason.
     * bcoin prefixes its reasons with {@code "rejected: "} (even for a duplicate); Core does not.
     */
    static String classify(JsonNode r) {
        if (r == null || r.isNull()) {
            return "accepted";
        }
        String s = r.asText();
        if (s.startsWith("rejected: ")) {
            s = s.substring("rejected: ".length());
        }
        if (s.equals("duplicate")) {
            return "accepted";
        }
        if (s.equals("inconclusive") || s.equals("duplicate-inconclusive")) {
            return "inconclusive";
        }
        return "rejected:" + s;
    }

    /** After "inconclusive": the block is in if the node's chain has it at its height. */
    private String confirm(JsonRpcClient client, FoundBlock b) {
        try {
            JsonNode h = client.call("getblockhash", b.height());
            return b.hash().equals(h.asText()) ? "accepted" : "inconclusive";
        } catch (RpcException e) {
            return "inconclusive";
        }
    }

    private boolean chainMovedPast(FoundBlock b) {
        try {
            long count = nodes.call("getblockcount").asLong();
            if (count <= b.height()) {
                return false;
            }
            return !b.hash().equals(nodes.call("getblockhash", b.height()).asText());
        } catch (RpcException e) {
            return false;
        }
    }

    private static String combine(List<CompletableFuture<String>> perNode) {
        String best = "error";
        for (CompletableFuture<String> f : perNode) {
            String r = f.getNow("error");
            if (r.equals("accepted")) {
                return r;
            }
            if (r.startsWith("rejected")) {
                best = r;
            } else if (r.equals("inconclusive") && best.equals("error")) {
                best = r;
            }
        }
        return best;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting a block", e);
        }
    }

    @Override
    public void close() {
        // Submissions in progress are not cut short: a found block must reach a node.
        executor.shutdown();
    }
}
