package org.tbg.app.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.devnet.Devnet;
import org.tbg.devnet.DevnetOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tbg devnet}: the embedded regtest chain as a process of its own, behind the Bitcoin Core
 * JSON-RPC subset the pool uses (for {@code tbg pool} and load tests without a real node).
 */
@Command(name = "devnet", mixinStandardHelpOptions = true, versionProvider = TbgVersion.class,
        description = "Run an embedded regtest chain with a Bitcoin Core-compatible JSON-RPC subset.")
public final class DevnetCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(DevnetCommand.class);

    @Option(names = "--rpc-bind", defaultValue = "127.0.0.1", description = "JSON-RPC listen address. Default: ${DEFAULT-VALUE}.")
    String rpcBind;

    @Option(names = "--rpc-port", defaultValue = "18443", description = "JSON-RPC port (0 = any). Default: ${DEFAULT-VALUE}.")
    int rpcPort;

    @Option(names = "--rpc-user", defaultValue = "tbg", description = "Basic-auth user. Default: ${DEFAULT-VALUE}.")
    String rpcUser;

    @Option(names = "--rpc-password", required = true, description = "Basic-auth password.")
    String rpcPassword;

    @Option(names = "--difficulty", description = "Block difficulty (pdiff); default: regtest's minimum (bits 207fffff).")
    Double difficulty;

    @Option(names = "--mempool", defaultValue = "0", description = "Synthetic transactions kept in the mempool. Default: ${DEFAULT-VALUE}.")
    int mempool;

    @Option(names = "--zmq-hashblock", description = "Publish hashblock on this ZMQ endpoint, e.g. tcp://127.0.0.1:28332.")
    String zmq;

    @Mixin
    LoggingOptions logging;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        logging.apply();
        DevnetOptions.Builder b = DevnetOptions.builder().rpcHost(rpcBind).rpcPort(rpcPort)
                .rpcCredentials(rpcUser, rpcPassword).mempoolSize(mempool);
        Devnet devnet;
        try {
            if (difficulty != null) {
                b.difficulty(difficulty);
            }
            if (zmq != null) {
                b.zmqHashBlock(zmq);
            }
            devnet = new Devnet(b.build()).start();
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("tbg devnet: cannot start: " + FailureMessage.of(e));
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            devnet.close();
            stopped.countDown();
        }, "tbg-devnet-shutdown"));
        log.info("devnet JSON-RPC on {}:{} (user {})", rpcBind, devnet.rpcPort(), rpcUser);
        stopped.await();
        return 0;
    }
}
