package org.tbg.devnet.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.bitcoinj.core.Context;
import org.bitcoinj.params.RegTestParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.block.BlockAssembler;
import org.tbg.bitcoin.block.BlockHeader;
import org.tbg.bitcoin.coinbase.CoinbaseBuilder;
import org.tbg.bitcoin.coinbase.CoinbaseParts;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.hash.Merkle;
import org.tbg.bitcoin.rpc.BlockTemplate;
import org.tbg.bitcoin.rpc.ChainInfo;
import org.tbg.bitcoin.rpc.JsonRpcClient;
import org.tbg.bitcoin.rpc.NodeClient;
import org.tbg.bitcoin.rpc.NodeFailover;
import org.tbg.bitcoin.rpc.RpcErrorException;
import org.tbg.bitcoin.rpc.TemplateTransaction;
import org.tbg.bitcoin.target.Target;
import org.tbg.bitcoin.tx.TxOut;
import org.tbg.devnet.Devnet;
import org.tbg.devnet.DevnetOptions;
import org.tbg.devnet.chain.Block;
import org.tbg.devnet.chain.RegtestGenesis;
import org.tbg.devnet.support.RawRpc;
import org.tbg.devnet.support.TestBlockBuilder;

/**
 * The devnet over real HTTP: raw requests with Java's HttpClient for status codes and error
 * shapes, and the pool's own JSON-RPC client for the calls the pool makes. Tests share one devnet
 * and do not assume its height, except where they read it first.
 */
@Timeout(60)
class RpcServerTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret";
    private static final String AUTH = RawRpc.basic(USER, PASSWORD);
    /** Core's key_io_valid.json, regtest entries. */
    private static final String P2WPKH = "bcrt1qdavt4j2sd7dlhqsavtnfxvzppw6k7qy97tmnu9";
    private static final String P2WPKH_SCRIPT = "00146f58bac9506f9bfb821d62e69330410bb56f0085";

    private static Devnet devnet;
    private static RawRpc raw;
    private static JsonRpcClient client;

    @BeforeAll
    static void start() {
        Context.propagate(new Context(RegTestParams.get()));
        devnet = new Devnet(DevnetOptions.builder().rpcCredentials(USER, PASSWORD).mempoolSize(50).build()).start();
        raw = new RawRpc(devnet.rpcPort());
        client = new JsonRpcClient(devnet.endpoint(), Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        client.close();
        devnet.close();
    }

    @Test
    void missingOrWrongCredentialsGet401WithAChallenge() throws Exception {
        HttpResponse<String> none = raw.post(request("getblockcount"), null);
        HttpResponse<String> wrong = raw.post(request("getblockcount"), RawRpc.basic(USER, "guess"));
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"jsonrpc\"");
        assertThat(raw.post(request("getblockcount"), AUTH).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyPost() throws Exception {
        assertThat(raw.get(AUTH).statusCode()).isEqualTo(405);
    }

    @Test
    void unknownMethodIs32601WithHttp404AsCoreAnswersLegacyRequests() throws Exception {
        HttpResponse<String> r = raw.post("{\"jsonrpc\":\"1.0\",\"id\":\"x7\",\"method\":\"nosuchmethod\",\"params\":[]}", AUTH);
        assertThat(r.statusCode()).isEqualTo(404);
        JsonNode body = RawRpc.json(r);
        assertThat(body.get("result").isNull()).isTrue();
        assertThat(body.at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(body.at("/error/message").asText()).isEqualTo("Method not found");
        assertThat(body.get("id").asText()).isEqualTo("x7");
    }

    @Test
    void jsonRpc2RequestsGetHttp200AndAVersionedReply() throws Exception {
        HttpResponse<String> r = raw.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"nosuchmethod\"}", AUTH);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = RawRpc.json(r);
        assertThat(body.get("jsonrpc").asText()).isEqualTo("2.0");
        assertThat(body.at("/error/code").asInt()).isEqualTo(-32601);
        assertThat(body.has("result")).isFalse();
    }

    @Test
    void unparsableBodyIsAParseError() throws Exception {
        HttpResponse<String> r = raw.post("{not json", AUTH);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(RawRpc.json(r).at("/error/code").asInt()).isEqualTo(-32700);
    }

    @Test
    void batchGetsOneReplyPerRequest() throws Exception {
        HttpResponse<String> r = raw.post("[" + request("getblockcount") + "," + request("nosuchmethod") + "]", AUTH);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode body = RawRpc.json(r);
        assertThat(body.size()).isEqualTo(2);
        assertThat(body.get(0).get("result").isIntegralNumber()).isTrue();
        assertThat(body.get(1).at("/error/code").asInt()).isEqualTo(-32601);
    }

    @Test
    void blockchainInfoLooksLikeCoreRegtest() throws Exception {
        ChainInfo info = ChainInfo.fromJson(client.call("getblockchaininfo"));
        assertThat(info.chain()).isEqualTo("regtest");
        assertThat(info.initialBlockDownload()).isFalse();
        assertThat(info.blocks()).isEqualTo(devnet.chain().height());
        assertThat(info.bestBlockHash()).isEqualTo(devnet.chain().tip().hashHex());
        // Regtest's difficulty as Core reports it for bits 207fffff.
        assertThat(info.difficulty()).isCloseTo(4.656542373906925e-10, offset(1e-24));
    }

    @Test
    void aBlockBuiltFromGetblocktemplateIsAcceptedBySubmitblock() throws Exception {
        try (NodeFailover failover = new NodeFailover(List.of(devnet.endpoint()), Duration.ofSeconds(20))) {
            templateBlockRoundTrip(new NodeClient(failover));
        }
    }

    private static void templateBlockRoundTrip(NodeClient node) throws Exception {
        BlockTemplate t = node.blockTemplate(List.of("segwit"));
        assertThat(t.rules()).containsExactly("csv", "!segwit", "taproot");
        assertThat(t.transactions()).isNotEmpty();
        assertThat(t.defaultWitnessCommitment()).isNotNull();

        byte[] block = mine(t, 0);
        JsonNode result = client.call("submitblock", Hex.encode(block));

        assertThat(result.isNull()).as("submitblock answered %s", result).isTrue();
        String hash = Hex.encode(Bytes.reversed(BlockHeader.parse(Arrays.copyOf(block, 80)).hash()));
        assertThat(node.bestBlockHash()).isEqualTo(hash);
        assertThat(node.blockHash(t.height())).isEqualTo(hash);
        assertThat(node.blockCount()).isGreaterThanOrEqualTo(t.height());
        // getblock: raw form is the block as submitted; verbose form names its place in the chain.
        assertThat(node.block(hash, 0).asText()).isEqualTo(Hex.encode(block));
        JsonNode verbose = node.block(hash, 1);
        assertThat(verbose.get("height").asLong()).isEqualTo(t.height());
        assertThat(verbose.get("previousblockhash").asText()).isEqualTo(Hex.encode(Bytes.reversed(t.previousBlockHash())));
        assertThat(verbose.get("tx").size()).isEqualTo(t.transactions().size() + 1);
        assertThat(verbose.get("tx").get(1).asText()).isEqualTo(Hex.encode(Bytes.reversed(t.transactions().get(0).txid())));
        assertThat(verbose.get("nTx").asInt()).isEqualTo(t.transactions().size() + 1);
        // bitcoinj reads the stored block back with the same hash.
        assertThat(RegTestParams.get().getDefaultSerializer().makeBlock(Hex.decode(node.block(hash, 0).asText()))
                .getHashAsString()).isEqualTo(hash);
        // the same block again
        assertThat(client.call("submitblock", Hex.encode(block)).asText()).isEqualTo("duplicate");
    }

    @Test
    void submitblockAnswersRejectReasonsAsStrings() throws Exception {
        BlockTemplate t = BlockTemplate.fromJson(client.call("getblocktemplate", Map.of("rules", List.of("segwit"))));
        byte[] block = mine(t, 1);
        block[4 + 32] ^= 1; // one bit of the merkle root; grind again so the header still meets the target
        byte[] regrind = regrind(block);
        assertThat(client.call("submitblock", Hex.encode(regrind)).asText()).isEqualTo("bad-txnmrklroot");
    }

    @Test
    void submitblockFillsInAMissingCoinbaseWitnessAsCoreDoes() throws Exception {
        Block block = TestBlockBuilder.onTip(devnet.chain()).withoutCoinbaseWitness().build();
        assertThat(client.call("submitblock", Hex.encode(block.serialize())).isNull()).isTrue();
        assertThat(devnet.chain().tip().hashHex()).isEqualTo(block.hashHex());
    }

    @Test
    void namedParameters() throws Exception {
        HttpResponse<String> r = raw.post("{\"id\":1,\"method\":\"getblockhash\",\"params\":{\"height\":0}}", AUTH);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(RawRpc.json(r).get("result").asText()).isEqualTo(RegtestGenesis.HASH_HEX);
    }

    @Test
    void undecodableBlockIsError22() {
        assertThatThrownBy(() -> client.call("submitblock", "00ff"))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo(-22);
                    assertThat(e.getMessage()).contains("Block decode failed");
                });
        assertThatThrownBy(() -> client.call("submitblock", "not hex"))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-22));
    }

    @Test
    void blockWithoutCoinbaseFirstIsError22() {
        // A header and one non-coinbase transaction (from the mempool).
        byte[] tx = devnet.mempool().byFeeRate().get(0).data();
        byte[] block = BlockAssembler.assemble(new byte[80], tx, List.of());
        assertThatThrownBy(() -> client.call("submitblock", Hex.encode(block)))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> {
                    assertThat(e.code()).isEqualTo(-22);
                    assertThat(e.getMessage()).contains("Block does not start with a coinbase");
                });
    }

    @Test
    void getblocktemplateNeedsTheSegwitRule() {
        assertThatThrownBy(() -> client.call("getblocktemplate", Map.of("rules", List.of())))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-8));
        assertThatThrownBy(() -> client.call("getblocktemplate"))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-8));
    }

    @Test
    void generatetoaddressMinesToTheAddress() throws Exception {
        long before = client.call("getblockcount").asLong();
        JsonNode hashes = client.call("generatetoaddress", 3, P2WPKH);
        assertThat(hashes.size()).isEqualTo(3);
        assertThat(client.call("getblockcount").asLong()).isEqualTo(before + 3);
        assertThat(client.call("getblockhash", before + 3).asText()).isEqualTo(hashes.get(2).asText());
        JsonNode block = client.call("getblock", hashes.get(0).asText(), 2);
        JsonNode coinbase = block.get("tx").get(0);
        assertThat(coinbase.at("/vin/0/coinbase").isTextual()).isTrue();
        assertThat(coinbase.at("/vout/0/scriptPubKey/hex").asText()).isEqualTo(P2WPKH_SCRIPT);
    }

    @Test
    void generatetoaddressRefusesAnInvalidAddress() {
        assertThatThrownBy(() -> client.call("generatetoaddress", 1, "bc1qvyq0cc6rahyvsazfdje0twl7ez82ndmuac2lhv"))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-5));
    }

    @Test
    void validateaddressOnCoresRegtestVectors() throws Exception {
        String[][] vectors = {
                {P2WPKH, P2WPKH_SCRIPT},
                {"bcrt1qan8gntac7z7me2ejt4hpru42ad2f759fmy0m3ejvs98656znv7eqga4uhv",
                        "0020ecce89afb8f0bdbcab325d6e11f2aaeb549f50a9d91fb8e64c814faa685367b2"},
                {"bcrt1pfwxjqvtt4tcxrtdluukfmy2dv7xd2qzdfy6kajv5nwn4yam3wxkq3553uh",
                        "51204b8d20316baaf061adbfe72c9d914d678cd5004d49356ec9949ba752777171ac"},
                {"bcrt1sx6p8njlx7h9mc2agz4yg82dzne23050ncq72cneeecez2pst8mahn8xecsf8g6hzx94420",
                        "6028368279cbe6f5cbbc2ba8154883a9a29e5517d1f3c03cac4f39ce3225060b3efb799cd9c412746ae2"},
                {"n4fajahJrAuKbN7uNsKjLjQkz9Qn5ewJXQ", "76a914fdeca3b08e38af53d7c4c60e3ad208ce5066441088ac"},
                {"2MxFajLApXpYk4VodBSZSt7rw8y4ryABkfA", "a91436e9f191e0b75036a77f65e2eaa4752443233fbe87"},
        };
        for (String[] v : vectors) {
            JsonNode r = client.call("validateaddress", v[0]);
            assertThat(r.get("isvalid").asBoolean()).as(v[0]).isTrue();
            assertThat(r.get("scriptPubKey").asText()).as(v[0]).isEqualTo(v[1]);
            assertThat(client.call("getaddressinfo", v[0]).get("scriptPubKey").asText()).isEqualTo(v[1]);
        }
        assertThat(client.call("validateaddress", P2WPKH).get("iswitness").asBoolean()).isTrue();
        assertThat(client.call("validateaddress", "2MxFajLApXpYk4VodBSZSt7rw8y4ryABkfA").get("isscript").asBoolean()).isTrue();
    }

    @Test
    void validateaddressReportsOtherNetworksAndTyposAsInvalid() throws Exception {
        for (String bad : new String[] {
                "bc1qvyq0cc6rahyvsazfdje0twl7ez82ndmuac2lhv", // mainnet
                "1FsSia9rv4NeEwvJ2GvXrX7LyxYspbN2mo", // mainnet base58
                "bcrt1qdavt4j2sd7dlhqsavtnfxvzppw6k7qy97tmnu8", // last character changed
                "hello"}) {
            JsonNode r = client.call("validateaddress", bad);
            assertThat(r.get("isvalid").asBoolean()).as(bad).isFalse();
            assertThat(r.get("error").asText()).as(bad).isNotEmpty();
        }
        assertThatThrownBy(() -> client.call("getaddressinfo", "hello"))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-5));
    }

    @Test
    void parameterErrorsUseCoresCodes() {
        assertThatThrownBy(() -> client.call("getblockhash", 1_000_000))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-8));
        assertThatThrownBy(() -> client.call("getblockhash", "one"))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-3));
        assertThatThrownBy(() -> client.call("getblock", "00".repeat(32)))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-5));
        assertThatThrownBy(() -> client.call("getblock", "abc"))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-8));
        assertThatThrownBy(() -> client.call("getblockcount", 1))
                .isInstanceOfSatisfying(RpcErrorException.class, e -> assertThat(e.code()).isEqualTo(-1));
    }

    @Test
    void genesisIsAtHeightZeroWithoutAPrevious() throws Exception {
        String genesis = client.call("getblockhash", 0).asText();
        assertThat(genesis).isEqualTo("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206");
        JsonNode block = client.call("getblock", genesis, true);
        assertThat(block.get("height").asInt()).isZero();
        assertThat(block.has("previousblockhash")).isFalse();
        assertThat(block.get("merkleroot").asText())
                .isEqualTo("4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b");
    }

    @Test
    void networkAndMiningInfo() throws Exception {
        JsonNode network = client.call("getnetworkinfo");
        assertThat(network.get("connections").asInt()).isZero();
        assertThat(network.get("subversion").asText()).contains("tbg-devnet");
        JsonNode mining = client.call("getmininginfo");
        assertThat(mining.get("chain").asText()).isEqualTo("regtest");
        assertThat(mining.get("pooledtx").asInt()).isEqualTo(50);
        assertThat(mining.get("blocks").asLong()).isEqualTo(devnet.chain().height());
    }

    /** Coinbase to the test payout, merkle root from the template's txids, header ground at the template's bits. */
    private static byte[] mine(BlockTemplate t, long extranonce) {
        CoinbaseParts coinbase = new CoinbaseBuilder()
                .height(t.height())
                .tag("rpc-test".getBytes(StandardCharsets.US_ASCII))
                .extranonceLengths(4, 4)
                .addOutput(new TxOut(t.coinbaseValue(), TestBlockBuilder.PAYOUT))
                .witnessCommitment(Arrays.copyOfRange(t.defaultWitnessCommitment(), 6, 38))
                .build();
        byte[] en1 = new byte[4];
        byte[] en2 = new byte[4];
        Bytes.writeInt32LE((int) extranonce, en2, 0);
        List<byte[]> txids = new ArrayList<>();
        txids.add(coinbase.txid(en1, en2));
        List<byte[]> data = new ArrayList<>();
        for (TemplateTransaction tx : t.transactions()) {
            txids.add(tx.txid());
            data.add(tx.data());
        }
        BlockHeader header = new BlockHeader(t.version(), t.previousBlockHash(), Merkle.root(txids),
                (int) t.curTime(), (int) t.bits(), 0);
        return regrind(BlockAssembler.assemble(header.serialize(), coinbase.assembleWithWitness(en1, en2), data));
    }

    /** The block with its header's nonce changed until the header meets its own bits. */
    private static byte[] regrind(byte[] block) {
        BlockHeader h = BlockHeader.parse(Arrays.copyOf(block, 80));
        Target target = Target.fromBits(Integer.toUnsignedLong(h.bits()));
        for (int nonce = 0; ; nonce++) {
            BlockHeader c = new BlockHeader(h.version(), h.prevHash(), h.merkleRoot(), h.time(), h.bits(), nonce);
            if (target.isMetBy(c.hash())) {
                byte[] out = block.clone();
                System.arraycopy(c.serialize(), 0, out, 0, 80);
                return out;
            }
        }
    }

    private static String request(String method) {
        return "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":[]}";
    }
}
