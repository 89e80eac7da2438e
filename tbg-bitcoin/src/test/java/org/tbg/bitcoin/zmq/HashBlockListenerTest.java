package org.tbg.bitcoin.zmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** Publishes Core-format hashblock messages from a JeroMQ PUB socket on loopback. */
@Timeout(60)
class HashBlockListenerTest {
    /** Regtest's genesis block hash as Core publishes it (display order). */
    private static final byte[] GENESIS = Hex.decode("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206");
    private static final byte[] OTHER = Hex.decode("46734a2d0f5387ee840bf7b28289effefc7b3b4688324fb3590463fa95f81a77");

    private ZContext context;
    private ZMQ.Socket publisher;
    private int port;
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void bind() {
        context = new ZContext();
        publisher = context.createSocket(SocketType.PUB);
        publisher.setLinger(0);
        port = publisher.bindToRandomPort("tcp://127.0.0.1");
    }

    @AfterEach
    void unbind() {
        context.close();
    }

    private void publish(ZMQ.Socket pub, String topic, byte[] body, int sequence) {
        byte[] seq = new byte[4];
        Bytes.writeInt32LE(sequence, seq, 0);
        pub.sendMore(topic.getBytes(StandardCharsets.US_ASCII));
        pub.sendMore(body);
        pub.send(seq);
    }

    /**
     * PUB drops messages until the subscription has arrived (ZMQ's slow joiner), so publish until
     * one arrives, within a bound.
     */
    private byte[] publishUntilReceived(ZMQ.Socket pub, byte[] hash) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            publish(pub, "hashblock", hash, i);
            byte[] got = received.poll(100, TimeUnit.MILLISECONDS);
            if (got != null) {
                return got;
            }
        }
        throw new AssertionError("no hashblock received within 10 s");
    }

    @Test
    void deliversTheHashOfEachHashblockMessage() throws Exception {
        try (HashBlockListener listener = new HashBlockListener("tcp://127.0.0.1:" + port, received::add)) {
            listener.start();

            assertThat(publishUntilReceived(publisher, GENESIS)).isEqualTo(GENESIS);
            received.clear();
            publish(publisher, "hashblock", OTHER, 1000);

            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(OTHER);
        }
    }

    @Test
    void ignoresOtherTopicsAndMalformedMessages() throws Exception {
        try (HashBlockListener listener = new HashBlockListener("tcp://127.0.0.1:" + port, received::add)) {
            listener.start();
            publishUntilReceived(publisher, GENESIS);
            received.clear();

            // Matches the subscription's prefix but is not the topic.
            publish(publisher, "hashblockx", OTHER, 1);
            // Right topic, but not a 32-byte hash.
            publish(publisher, "hashblock", new byte[31], 2);
            publish(publisher, "hashblock", GENESIS, 3);

            // Messages on one connection arrive in order: the valid one comes first and alone.
            assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(GENESIS);
            assertThat(received.poll(300, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void reconnectsWhenThePublisherComesBack() throws Exception {
        try (HashBlockListener listener = new HashBlockListener("tcp://127.0.0.1:" + port, received::add)) {
            listener.start();
            publishUntilReceived(publisher, GENESIS);

            // The node restarts: its socket goes away and a new one binds the same port.
            publisher.close();
            Thread.sleep(300);
            ZMQ.Socket restarted = context.createSocket(SocketType.PUB);
            restarted.setLinger(0);
            restarted.bind("tcp://127.0.0.1:" + port);
            received.clear();

            assertThat(publishUntilReceived(restarted, OTHER)).isEqualTo(OTHER);
        }
    }

    @Test
    void callbackFailureDoesNotStopTheListener() throws Exception {
        List<byte[]> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (HashBlockListener listener = new HashBlockListener("tcp://127.0.0.1:" + port, hash -> {
            seen.add(hash);
            if (seen.size() == 1) {
                throw new IllegalStateException("boom");
            }
            received.add(hash);
        })) {
            listener.start();
            byte[] got = publishUntilReceived(publisher, GENESIS);

            assertThat(got).isEqualTo(GENESIS);
            assertThat(seen.size()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void closeStopsTheThreadPromptly() throws Exception {
        HashBlockListener listener = new HashBlockListener("tcp://127.0.0.1:" + port, received::add);
        listener.start();
        publishUntilReceived(publisher, GENESIS);

        long start = System.nanoTime();
        listener.close();

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2_000);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("tbg-zmq-hashblock") && t.isAlive());
        assertThatThrownBy(listener::start).isInstanceOf(IllegalStateException.class);
    }
}
