package org.tbg.bitcoin.rpc;

import static org.tbg.bitcoin.rpc.JsonFields.optionalLong;
import static org.tbg.bitcoin.rpc.JsonFields.optionalStrings;
import static org.tbg.bitcoin.rpc.JsonFields.optionalText;
import static org.tbg.bitcoin.rpc.JsonFields.required;
import static org.tbg.bitcoin.rpc.JsonFields.requiredArray;
import static org.tbg.bitcoin.rpc.JsonFields.requiredHash;
import static org.tbg.bitcoin.rpc.JsonFields.requiredHex;
import static org.tbg.bitcoin.rpc.JsonFields.requiredLong;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.target.Target;

/**
 * A {@code getblocktemplate} result (BIP22/23/145), as Bitcoin Core and bcoin return it.
 * Arrays are not copied; treat them as read-only.
 *
 * @param version                  block version the node proposes
 * @param previousBlockHash        internal byte order
 * @param transactions             in block order, coinbase excluded
 * @param coinbaseValue            subsidy plus fees, satoshis
 * @param bits                     compact target ({@code nBits})
 * @param target                   the block target
 * @param curTime                  the node's idea of now (seconds)
 * @param minTime                  earliest allowed header time
 * @param height                   height of the block being built
 * @param defaultWitnessCommitment the witness commitment output's scriptPubKey, or null when the
 *                                 node sent none (segwit not requested)
 * @param rules                    active rules, e.g. {@code csv}, {@code !segwit}
 * @param mutable                  what the miner may change
 * @param longPollId               for {@code longpollid}, or null
 * @param sizeLimit                serialized size limit, bytes
 * @param weightLimit              weight limit, weight units
 * @param sigOpLimit               sigop cost limit
 */
public record BlockTemplate(
        int version,
        byte[] previousBlockHash,
        List<TemplateTransaction> transactions,
        long coinbaseValue,
        long bits,
        Target target,
        long curTime,
        long minTime,
        long height,
        byte[] defaultWitnessCommitment,
        List<String> rules,
        List<String> mutable,
        String longPollId,
        long sizeLimit,
        long weightLimit,
        long sigOpLimit) {

    /** Consensus limits, used when a node omits them (bcoin sends no weightlimit before segwit). */
    public static final long MAX_BLOCK_WEIGHT = 4_000_000;
    public static final long MAX_BLOCK_SERIALIZED_SIZE = 4_000_000;
    public static final long MAX_BLOCK_SIGOPS_COST = 80_000;

    public BlockTemplate {
        transactions = List.copyOf(transactions);
        rules = List.copyOf(rules);
        mutable = List.copyOf(mutable);
    }

    /**
     * Parses a template. {@code bits} may be a hex string (as both nodes send it) or a number;
     * {@code target} is derived from {@code bits} when absent.
     *
     * @throws IllegalArgumentException naming the first missing or malformed field
     */
    public static BlockTemplate fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("block template is not a JSON object");
        }
        long version = requiredLong(json, "version");
        if (version < Integer.MIN_VALUE || version > 0xffffffffL) {
            throw new IllegalArgumentException("field 'version' out of 32-bit range: " + version);
        }
        long bits = parseBits(required(json, "bits"));
        String targetHex = optionalText(json, "target");
        Target target = targetHex == null ? Target.fromBits(bits) : parseTarget(targetHex);
        String commitment = optionalText(json, "default_witness_commitment");

        JsonNode txs = requiredArray(json, "transactions");
        List<TemplateTransaction> transactions = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size(); i++) {
            try {
                transactions.add(TemplateTransaction.fromJson(txs.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("transactions[" + i + "]: " + e.getMessage(), e);
            }
        }

        return new BlockTemplate(
                (int) version,
                requiredHash(json, "previousblockhash"),
                transactions,
                requiredLong(json, "coinbasevalue"),
                bits,
                target,
                requiredLong(json, "curtime"),
                requiredLong(json, "mintime"),
                requiredLong(json, "height"),
                commitment == null ? null : requiredHex(json, "default_witness_commitment"),
                optionalStrings(json, "rules"),
                optionalStrings(json, "mutable"),
                optionalText(json, "longpollid"),
                optionalLong(json, "sizelimit", MAX_BLOCK_SERIALIZED_SIZE),
                optionalLong(json, "weightlimit", MAX_BLOCK_WEIGHT),
                optionalLong(json, "sigoplimit", MAX_BLOCK_SIGOPS_COST));
    }

    private static long parseBits(JsonNode bits) {
        if (bits.isIntegralNumber() && bits.canConvertToLong() && bits.longValue() >= 0 && bits.longValue() <= 0xffffffffL) {
            return bits.longValue();
        }
        if (bits.isTextual() && Hex.isHex(bits.asText(), 4)) {
            return Long.parseLong(bits.asText(), 16);
        }
        throw new IllegalArgumentException("field 'bits' is not a 4-byte hex string: " + bits);
    }

    private static Target parseTarget(String hex) {
        if (!Hex.isHex(hex, 32)) {
            throw new IllegalArgumentException("field 'target' is not 32 bytes of hex: " + hex);
        }
        return new Target(new BigInteger(hex, 16));
    }
}
