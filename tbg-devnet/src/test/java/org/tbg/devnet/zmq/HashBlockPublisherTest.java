package org.tbg.devnet.zmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.zmq.HashBlockListener;
import org.tbg.devnet.Devnet;
import org.tbg.devnet.DevnetOptions;
import org.tbg.devnet.support.TestBlockBuilder;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** A JeroMQ SUB socket sees each new tip in Core's three-frame hashblock format. */
@Timeout(60)
class HashBlockPublisherTest {
    private static final int RECEIVE_TIMEOUT_MS = 5_000;

    @Test
    void publishesEachNewTipWithAGrowingSequence() throws Exception {
        try (Devnet devnet = new Devnet(DevnetOptions.builder().zmqHashBlock("tcp://127.0.0.1:*").build()).start();
             ZContext context = new ZContext()) {
            String endpoint = devnet.zmqEndpoint();
            assertThat(endpoint).startsWith("tcp://127.0.0.1:").doesNotEndWith("*");
            ZMQ.Socket sub = context.createSocket(SocketType.SUB);
            sub.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
            sub.setReconnectIVL(100);
            sub.setHandshakeIvl(2_000); // see HashBlockPublisher: a stalled greeting is redialled
            sub.subscribe("hashblock".getBytes(StandardCharsets.US_ASCII));
            sub.connect(endpoint);
            awaitSubscription(devnet, sub);

            // From here on every message must be seen, in order.
            List<String> mined = devnet.generate(3, TestBlockBuilder.PAYOUT);
            List<Long> sequences = new ArrayList<>();
            for (String hash : mined) {
                List<byte[]> frames = receive(sub);
                assertThat(frames).hasSize(3);
                assertThat(new String(frames.get(0), StandardCharsets.US_ASCII)).isEqualTo("hashblock");
                assertThat(frames.get(1)).hasSize(32);
                assertThat(Hex.encode(frames.get(1))).as("display order, as Core").isEqualTo(hash);
                assertThat(frames.get(2)).hasSize(4);
                sequences.add(Bytes.readInt32LE(frames.get(2), 0) & 0xffffffffL);
            }
            // The sequence counts messages from 0: the tip at height h is message h - 1.
            for (int i = 0; i < mined.size(); i++) {
                long height = devnet.chain().byHash(mined.get(i)).height();
                assertThat(sequences.get(i)).isEqualTo(height - 1);
            }
        }
    }

    @Test
    void thePoolsHashBlockListenerHearsTheDevnet() throws Exception {
        try (Devnet devnet = new Devnet(DevnetOptions.builder().zmqHashBlock("tcp://127.0.0.1:*").build()).start()) {
            BlockingQueue<String> heard = new LinkedBlockingQueue<>();
            try (HashBlockListener listener = new HashBlockListener(devnet.zmqEndpoint(), h -> heard.add(Hex.encode(h)))) {
                listener.start();
                // Mine until the listener's subscription is up and it reports the block just mined.
                for (int attempt = 0; attempt < 100; attempt++) {
                    String mined = devnet.generate(1, TestBlockBuilder.PAYOUT).get(0);
                    String got;
                    while ((got = heard.poll(100, TimeUnit.MILLISECONDS)) != null) {
                        if (got.equals(mined)) {
                            return;
                        }
                    }
                }
                throw new AssertionError("the listener heard " + heard + " but never the latest tip");
            }
        }
    }

    /**
     * A SUB socket misses what is published before its subscription reaches the publisher (ZMQ's
     * slow joiner); mine until one message arrives, then drain.
     */
    private static void awaitSubscription(Devnet devnet, ZMQ.Socket sub) {
        sub.setReceiveTimeOut(200);
        for (int attempt = 0; attempt < 50; attempt++) {
            devnet.generate(1, TestBlockBuilder.PAYOUT);
            byte[] first = sub.recv(0);
            if (first != null) {
                while (sub.hasReceiveMore()) {
                    sub.recv(0);
                }
                drain(sub);
                sub.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
                return;
            }
        }
        throw new AssertionError("no hashblock message within 50 blocks");
    }

    /** Discards messages of earlier tips still queued (ZMQ delivers a multipart message whole). */
    private static void drain(ZMQ.Socket sub) {
        while (sub.recv(ZMQ.DONTWAIT) != null) {
            // skip
        }
    }

    private static List<byte[]> receive(ZMQ.Socket sub) {
        List<byte[]> frames = new ArrayList<>();
        byte[] frame = sub.recv(0);
        assertThat(frame).as("a hashblock message within %d ms", RECEIVE_TIMEOUT_MS).isNotNull();
        frames.add(frame);
        while (sub.hasReceiveMore()) {
            frames.add(sub.recv(0));
        }
        return frames;
    }
}
