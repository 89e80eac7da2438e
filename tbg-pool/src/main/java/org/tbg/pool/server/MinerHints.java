package org.tbg.pool.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.pool.session.Session;
import org.tbg.stratum.codec.StratumJson;
import org.tbg.stratum.message.StratumError;
import org.tbg.stratum.message.StratumRequest;

/**
 * What a miner says about itself: the version bits it can roll ({@code mining.configure}; its
 * shares then show whether it does: ASICBoost) and the difficulty it wants, which it may ask for
 * three ways ({@code mining.suggest_difficulty}, BIP310 minimum-difficulty, a password's
 * {@code d=}). Read in one place so all three reach {@link ConnectionDifficulty} alike; the pool's
 * own bounds still win over any of them.
 *
 * <p>Thread rule: the connection's event loop.
 */
final class MinerHints {
    /** The connection's own logger: an operator finds a connection's whole story under one name. */
    private static final Logger log = LoggerFactory.getLogger(StratumSessionHandler.class);

    private final StratumSessionHandler connection;
    private final Session session;
    private final StratumContext pool;
    private final ConnectionDifficulty difficulty;

    MinerHints(StratumSessionHandler connection, Session session, StratumContext pool, ConnectionDifficulty difficulty) {
        this.connection = connection;
        this.session = session;
        this.pool = pool;
        this.difficulty = difficulty;
    }

    void configure(StratumRequest req) {
        JsonNode exts = req.params().path(0);
        JsonNode opts = req.params().path(1);
        if (!exts.isArray()) {
            connection.send(StratumJson.error(req.rawId(), StratumError.OTHER, "Invalid configure: expected a list of extensions"));
            return;
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (JsonNode e : exts) {
            String ext = e.asText();
            switch (ext) {
                case "version-rolling" -> {
                    int minerMask = parseMask(opts.path("version-rolling.mask").asText("ffffffff"));
                    int mask = pool.settings().versionMask() & minerMask;
                    session.versionMask(mask, minerMask);
                    result.put("version-rolling", true);
                    result.put("version-rolling.mask", String.format("%08x", mask));
                }
                case "minimum-difficulty" -> {
                    JsonNode v = opts.path("minimum-difficulty.value");
                    if (v.isNumber() && v.asDouble() > 0 && Double.isFinite(v.asDouble())) {
                        difficulty.suggest(v.asDouble(), "suggested");
                    }
                    result.put("minimum-difficulty", true);
                }
                default -> result.put(ext, false);
            }
        }
        connection.send(StratumJson.resultRaw(req.rawId(), result.toString()));
    }

    void suggestDifficulty(StratumRequest req) {
        JsonNode v = req.params().path(0);
        double d = v.isNumber() ? v.asDouble() : v.isTextual() ? parseOrNaN(v.asText()) : Double.NaN;
        if (!(d > 0) || Double.isInfinite(d)) {
            connection.send(StratumJson.error(req.rawId(), StratumError.OTHER, "Invalid difficulty"));
            return;
        }
        difficulty.suggest(d, "suggested");
        connection.send(StratumJson.result(req.rawId(), true));
    }

    /** ckpool's convention: a password {@code d=<number>} asks for a (minimum) difficulty. */
    void passwordDifficulty(String password) {
        if (password == null) {
            return;
        }
        for (String part : password.split("[,; ]")) {
            if (part.startsWith("d=")) {
                try {
                    difficulty.suggest(Double.parseDouble(part.substring(2)), "password");
                } catch (NumberFormatException ignored) {
                    // not a number: the password is just a password
                }
            }
        }
    }

    /** The first accepted share with rolled version bits marks the session (metrics, events). */
    void detectAsicBoost(String versionBits) {
        if (versionBits == null || session.asicBoost() || Integer.parseUnsignedInt(versionBits, 16) == 0) {
            return;
        }
        session.markAsicBoost();
        pool.stats().asicBoostMiners().incrementAndGet();
        pool.events().asicBoostDetected(session, pool.settings().versionMask(), session.minerVersionMask());
        log.info("miner {} rolls version bits (ASICBoost, mask {})", connection.firstWorkerName(),
                String.format("%08x", session.versionMask()));
    }

    private static int parseMask(String hex) {
        try {
            return (int) Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double parseOrNaN(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
