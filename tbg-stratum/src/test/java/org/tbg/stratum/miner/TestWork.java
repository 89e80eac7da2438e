package org.tbg.stratum.miner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.NetworkParameters;
import org.bitcoinj.core.Sha256Hash;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.Utils;
import org.bitcoinj.params.RegTestParams;
import org.tbg.stratum.testing.FakeStratumServer;

/**
 * A regtest-like job built from real, parseable transactions, and the independent check of a
 * submitted share: bitcoinj parses the coinbase, computes the merkle root over the full
 * transaction list and hashes the header. Nothing here uses the code under test.
 */
final class TestWork {
    static final NetworkParameters REGTEST = RegTestParams.get();
    static final int EXTRANONCE1_SIZE = 4;
    static final int EXTRANONCE2_SIZE = 8;
    static final BigInteger DIFF1 = BigInteger.valueOf(0xFFFF).shiftLeft(208);

    final String jobId;
    final String prevHashDisplay;
    final long version;
    final long nbits;
    final long ntime;
    final byte[] coinb1;
    final byte[] coinb2;
    final List<Transaction> otherTxs;

    private TestWork(String jobId, String prevHashDisplay, long version, long nbits, long ntime,
                     byte[] coinb1, byte[] coinb2, List<Transaction> otherTxs) {
        this.jobId = jobId;
        this.prevHashDisplay = prevHashDisplay;
        this.version = version;
        this.nbits = nbits;
        this.ntime = ntime;
        this.coinb1 = coinb1;
        this.coinb2 = coinb2;
        this.otherTxs = otherTxs;
    }

    /** A job at {@code height} on top of {@code prevHashDisplay} with {@code txCount} non-coinbase transactions. */
    static TestWork create(String jobId, int height, String prevHashDisplay, int txCount, long nbits) {
        byte[] tag = "/tbg-test/".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream c1 = new ByteArrayOutputStream();
        write(c1, "01000000", "01", "00".repeat(32), "ffffffff");
        c1.write(4 + tag.length + EXTRANONCE1_SIZE + EXTRANONCE2_SIZE); // scriptSig length
        c1.write(3); // BIP34 height push
        c1.write(height);
        c1.write(height >>> 8);
        c1.write(height >>> 16);
        c1.writeBytes(tag);
        ByteArrayOutputStream c2 = new ByteArrayOutputStream();
        write(c2, "ffffffff", "01", "00f2052a01000000", "01", "51", "00000000");
        List<Transaction> txs = new ArrayList<>();
        for (int i = 0; i < txCount; i++) {
            ByteArrayOutputStream t = new ByteArrayOutputStream();
            write(t, "01000000", "01");
            t.writeBytes(Sha256Hash.hash((jobId + "/" + i).getBytes(StandardCharsets.UTF_8)));
            write(t, "00000000", "00", "ffffffff", "01", "0010a5d4e8000000", "01", "51", "00000000");
            txs.add(new Transaction(REGTEST, t.toByteArray()));
        }
        return new TestWork(jobId, prevHashDisplay, 0x20000000L, nbits, System.currentTimeMillis() / 1000,
                c1.toByteArray(), c2.toByteArray(), txs);
    }

    /** The merkle branch for the coinbase, bottom-up, each hash in internal byte order. */
    List<String> branchHex() {
        List<byte[]> level = new ArrayList<>();
        level.add(new byte[32]); // the coinbase slot; its value never enters the branch
        for (Transaction t : otherTxs) {
            level.add(t.getTxId().getReversedBytes());
        }
        List<String> branch = new ArrayList<>();
        while (level.size() > 1) {
            branch.add(Utils.HEX.encode(level.get(1)));
            List<byte[]> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                byte[] right = i + 1 < level.size() ? level.get(i + 1) : level.get(i);
                next.add(Sha256Hash.hashTwice(level.get(i), right));
            }
            level = next;
        }
        return branch;
    }

    /** Stratum's prevhash: internal order with every 4-byte word reversed (ckpool/cgminer form). */
    String stratumPrevHash() {
        byte[] internal = Sha256Hash.wrap(prevHashDisplay).getReversedBytes();
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = internal[(i & ~3) + 3 - (i & 3)];
        }
        return Utils.HEX.encode(out);
    }

    String notifyLine(boolean clean) {
        ObjectNode n = FakeStratumServer.JSON.createObjectNode();
        n.putNull("id");
        n.put("method", "mining.notify");
        ArrayNode p = n.putArray("params");
        p.add(jobId).add(stratumPrevHash()).add(Utils.HEX.encode(coinb1)).add(Utils.HEX.encode(coinb2));
        ArrayNode branch = p.addArray();
        branchHex().forEach(branch::add);
        p.add(String.format("%08x", version)).add(String.format("%08x", nbits)).add(String.format("%08x", ntime)).add(clean);
        return n.toString();
    }

    /** Rebuilds the block a submit describes and returns bitcoinj's header hash as a number. */
    BigInteger hashOfSubmit(String extranonce1Hex, JsonNode submitParams, long versionMask) {
        byte[] extranonce2 = Utils.HEX.decode(submitParams.get(2).textValue());
        long time = Long.parseLong(submitParams.get(3).textValue(), 16);
        long nonce = Long.parseLong(submitParams.get(4).textValue(), 16);
        long versionBits = submitParams.size() > 5 ? Long.parseLong(submitParams.get(5).textValue(), 16) : 0;
        long headerVersion = (version & ~versionMask) | (versionBits & versionMask);
        ByteArrayOutputStream cb = new ByteArrayOutputStream();
        cb.writeBytes(coinb1);
        cb.writeBytes(Utils.HEX.decode(extranonce1Hex));
        cb.writeBytes(extranonce2);
        cb.writeBytes(coinb2);
        List<Transaction> txs = new ArrayList<>();
        txs.add(new Transaction(REGTEST, cb.toByteArray()));
        txs.addAll(otherTxs);
        Block block = new Block(REGTEST, headerVersion, Sha256Hash.wrap(prevHashDisplay), null, time, nbits, nonce, txs);
        return block.getHash().toBigInteger();
    }

    BigInteger networkTarget() {
        return Utils.decodeCompactBits(nbits);
    }

    static BigInteger shareTarget(double difficulty) {
        return new BigDecimal(DIFF1).divide(BigDecimal.valueOf(difficulty), 0, RoundingMode.FLOOR).toBigInteger();
    }

    private static void write(ByteArrayOutputStream out, String... hex) {
        for (String h : hex) {
            out.writeBytes(Utils.HEX.decode(h));
        }
    }
}
