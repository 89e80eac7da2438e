package org.tbg.testkit;

import java.time.Duration;
import org.tbg.bitcoin.rpc.JsonRpcClient;
import org.tbg.bitcoin.rpc.NodeEndpoint;
import org.tbg.devnet.Devnet;
import org.tbg.devnet.DevnetOptions;

/** The embedded devnet chain as a {@link TestNode}: regtest difficulty, loopback, ephemeral port. */
public final class DevnetNode implements TestNode {
    private final Devnet devnet;
    private final JsonRpcClient rpc;

    private DevnetNode(Devnet devnet) {
        this.devnet = devnet;
        this.rpc = new JsonRpcClient(devnet.endpoint(), Duration.ofSeconds(10));
    }

    public static DevnetNode start() {
        return new DevnetNode(new Devnet(DevnetOptions.builder()
                .rpcHost("127.0.0.1").rpcPort(0).rpcCredentials("tbg-test", "devnet-test").build()).start());
    }

    public Devnet devnet() {
        return devnet;
    }

    @Override
    public NodeEndpoint endpoint() {
        return devnet.endpoint();
    }

    @Override
    public JsonRpcClient rpc() {
        return rpc;
    }

    /** Bitcoin Core's regtest format, which the devnet speaks (nobody holds this key). */
    @Override
    public String generateAddress() {
        return "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
    }

    @Override
    public void close() {
        rpc.close();
        devnet.close();
    }

    @Override
    public String toString() {
        return "devnet " + devnet.endpoint();
    }
}
