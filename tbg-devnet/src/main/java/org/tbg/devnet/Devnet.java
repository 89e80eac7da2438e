package org.tbg.devnet;

import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.rpc.NodeEndpoint;
import org.tbg.devnet.chain.Chain;
import org.tbg.devnet.mempool.Mempool;
import org.tbg.devnet.mempool.SyntheticTransactionFactory;
import org.tbg.devnet.mining.BlockGenerator;
import org.tbg.devnet.mining.TemplateBuilder;
import org.tbg.devnet.rpc.BasicAuthenticator;
import org.tbg.devnet.rpc.JsonRpcDispatcher;
import org.tbg.devnet.rpc.RpcMethods;
import org.tbg.devnet.rpc.RpcServer;
import org.tbg.devnet.rpc.method.AddressInfoMethod;
import org.tbg.devnet.rpc.method.BestBlockHashMethod;
import org.tbg.devnet.rpc.method.BlockCountMethod;
import org.tbg.devnet.rpc.method.BlockHashMethod;
import org.tbg.devnet.rpc.method.BlockTemplateMethod;
import org.tbg.devnet.rpc.method.BlockchainInfoMethod;
import org.tbg.devnet.rpc.method.GenerateToAddressMethod;
import org.tbg.devnet.rpc.method.GetBlockMethod;
import org.tbg.devnet.rpc.method.MiningInfoMethod;
import org.tbg.devnet.rpc.method.NetworkInfoMethod;
import org.tbg.devnet.rpc.method.SubmitBlockMethod;
import org.tbg.devnet.rpc.method.ValidateAddressMethod;
import org.tbg.devnet.zmq.HashBlockPublisher;

/**
 * An embedded regtest chain behind a Bitcoin Core–compatible JSON-RPC subset, for the demo, load
 * tests and fast tests. A real chain: submitted blocks are validated as Core validates them.
 *
 * <pre>
 * try (Devnet devnet = new Devnet(DevnetOptions.builder().mempoolSize(2000).build()).start()) {
 *     NodeEndpoint node = devnet.endpoint(); // http://127.0.0.1:PORT/ with the RPC credentials
 *     ...
 * }
 * </pre>
 *
 * <p>The chain and mempool exist from construction (tests may use them without RPC); {@link #start()}
 * opens the RPC port and the ZMQ publisher. Thread-safe.
 */
public final class Devnet implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Devnet.class);

    private final DevnetOptions options;
    private final Mempool mempool;
    private final Chain chain;
    private final TemplateBuilder templates;
    private final BlockGenerator generator;
    private RpcServer rpc;
    private HashBlockPublisher zmq;
    private boolean closed;

    public Devnet(DevnetOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.mempool = new Mempool(options.mempoolSize(),
                new SyntheticTransactionFactory(options.mempoolSeed(), options.feeRates(), options.witnessShare()));
        this.chain = new Chain(options.bits(), options.clock(), mempool);
        chain.addTipListener(mempool);
        this.templates = new TemplateBuilder(chain, mempool);
        this.generator = new BlockGenerator(chain, templates);
    }

    /**
     * Opens the JSON-RPC server and, when configured, the ZMQ publisher.
     *
     * @throws IllegalStateException when started twice, or a port cannot be bound
     */
    public synchronized Devnet start() {
        if (rpc != null || closed) {
            throw new IllegalStateException(closed ? "devnet closed" : "devnet already started");
        }
        try {
            if (options.zmqHashBlock() != null) {
                zmq = HashBlockPublisher.bind(options.zmqHashBlock());
                chain.addTipListener(zmq);
            }
            rpc = RpcServer.start(options.rpcHost(), options.rpcPort(),
                    new BasicAuthenticator(options.rpcUser(), options.rpcPassword()),
                    new JsonRpcDispatcher(methods()));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        log.info("devnet started: regtest, bits {}, mempool {} txs, RPC {}:{}{}", Integer.toHexString(options.bits()),
                options.mempoolSize(), options.rpcHost(), rpc.port(),
                zmq == null ? "" : ", ZMQ hashblock " + zmq.endpoint());
        return this;
    }

    private RpcMethods methods() {
        return RpcMethods.builder()
                .add(BlockchainInfoMethod.NAME, BlockchainInfoMethod.ARGS, new BlockchainInfoMethod(chain))
                .add(BlockTemplateMethod.NAME, BlockTemplateMethod.ARGS, new BlockTemplateMethod(templates))
                .add(SubmitBlockMethod.NAME, SubmitBlockMethod.ARGS, new SubmitBlockMethod(chain))
                .add(BestBlockHashMethod.NAME, BestBlockHashMethod.ARGS, new BestBlockHashMethod(chain))
                .add(BlockCountMethod.NAME, BlockCountMethod.ARGS, new BlockCountMethod(chain))
                .add(BlockHashMethod.NAME, BlockHashMethod.ARGS, new BlockHashMethod(chain))
                .add(GetBlockMethod.NAME, GetBlockMethod.ARGS, new GetBlockMethod(chain))
                .add(ValidateAddressMethod.NAME, ValidateAddressMethod.ARGS, new ValidateAddressMethod())
                .add(AddressInfoMethod.NAME, AddressInfoMethod.ARGS, new AddressInfoMethod())
                .add(GenerateToAddressMethod.NAME, GenerateToAddressMethod.ARGS, new GenerateToAddressMethod(generator))
                .add(NetworkInfoMethod.NAME, NetworkInfoMethod.ARGS, new NetworkInfoMethod())
                .add(MiningInfoMethod.NAME, MiningInfoMethod.ARGS, new MiningInfoMethod(chain, mempool))
                .build();
    }

    /** The bound JSON-RPC port. @throws IllegalStateException before {@link #start()} */
    public synchronized int rpcPort() {
        if (rpc == null) {
            throw new IllegalStateException("devnet not started");
        }
        return rpc.port();
    }

    /** Where and how to reach the RPC, for the pool's node client. */
    public NodeEndpoint endpoint() {
        return NodeEndpoint.of(options.rpcHost() + ":" + rpcPort(), options.rpcUser(), options.rpcPassword());
    }

    /** The bound ZMQ hashblock endpoint (real port if a wildcard was asked), or null when not publishing. */
    public synchronized String zmqEndpoint() {
        return zmq == null ? null : zmq.endpoint();
    }

    public Chain chain() {
        return chain;
    }

    public Mempool mempool() {
        return mempool;
    }

    public TemplateBuilder templates() {
        return templates;
    }

    /** Mines {@code count} blocks paying {@code scriptPubKey} on the calling thread; returns their hashes. */
    public List<String> generate(int count, byte[] scriptPubKey) {
        return generator.generate(count, scriptPubKey, Long.MAX_VALUE);
    }

    public DevnetOptions options() {
        return options;
    }

    /** Stops RPC and ZMQ; the chain stays readable. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (rpc != null) {
            rpc.close();
        }
        if (zmq != null) {
            zmq.close();
        }
        log.info("devnet stopped at height {}", chain.height());
    }
}
