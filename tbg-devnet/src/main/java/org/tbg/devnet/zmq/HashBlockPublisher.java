package org.tbg.devnet.zmq;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.devnet.chain.ChainEntry;
import org.tbg.devnet.chain.TipListener;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Publishes each new tip as Bitcoin Core's {@code zmqpubhashblock} does: three frames, the topic
 * {@code hashblock}, the 32-byte hash in display (RPC) order, and a 4-byte little-endian sequence
 * number that starts at 0 and grows by one per message.
 *
 * <p>Threading: one thread owns the PUB socket (ZMQ sockets are single-threaded); the chain's
 * thread only queues the hash, so a slow network never holds the chain's lock.
 */
public final class HashBlockPublisher implements TipListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HashBlockPublisher.class);

    private static final byte[] TOPIC = "hashblock".getBytes(StandardCharsets.US_ASCII);
    /** Messages a slow subscriber may fall behind by before ZMQ drops them (Core's default high-water mark). */
    private static final int SEND_HIGH_WATER_MARK = 1000;
    private static final long CLOSE_WAIT_MS = 2_000;
    /**
     * A subscriber connection whose ZMTP greeting has not completed by then is dropped, so the
     * subscriber redials. JeroMQ 0.6.0 now and then stalls the greeting of a fresh loopback
     * connection; the default (30 s) would leave that subscriber deaf as long.
     */
    private static final int HANDSHAKE_TIMEOUT_MS = 2_000;

    private final String endpoint;
    /** The address actually bound: differs from {@link #endpoint} when the port was a wildcard. */
    private volatile String boundEndpoint;
    private final ZContext context = new ZContext();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tbg-devnet-zmq");
        t.setDaemon(true);
        return t;
    });
    /** Only the publisher thread touches the socket and the sequence. */
    private ZMQ.Socket socket;
    private int sequence;

    private HashBlockPublisher(String endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * Binds a PUB socket to {@code endpoint}, e.g. {@code tcp://127.0.0.1:28332}, or
     * {@code tcp://127.0.0.1:*} for any free port (see {@link #endpoint()}).
     *
     * @throws IllegalStateException when the endpoint cannot be bound
     */
    public static HashBlockPublisher bind(String endpoint) {
        HashBlockPublisher publisher = new HashBlockPublisher(endpoint);
        try {
            publisher.thread.submit(publisher::open).get();
        } catch (Exception e) {
            publisher.close();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot bind ZMQ hashblock publisher to " + endpoint + ": " + cause, cause);
        }
        log.info("publishing hashblock on {}", publisher.boundEndpoint);
        return publisher;
    }

    /** The bound endpoint, with the real port when a wildcard was asked for. */
    public String endpoint() {
        return boundEndpoint;
    }

    @Override
    public void tipChanged(ChainEntry tip) {
        byte[] hash = Bytes.reversed(tip.hash());
        try {
            thread.execute(() -> send(hash));
        } catch (RejectedExecutionException e) {
            log.debug("publisher closed; hashblock {} not sent", tip.hashHex());
        }
    }

    @Override
    public synchronized void close() {
        if (thread.isShutdown()) {
            return;
        }
        thread.execute(this::closeSocket);
        thread.shutdown();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS)) {
                log.warn("ZMQ publisher thread did not stop within {} ms", CLOSE_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
    }

    private void open() {
        socket = context.createSocket(SocketType.PUB);
        socket.setLinger(0);
        socket.setSndHWM(SEND_HIGH_WATER_MARK);
        socket.setHandshakeIvl(HANDSHAKE_TIMEOUT_MS);
        socket.bind(endpoint);
        boundEndpoint = socket.getLastEndpoint();
    }

    private void send(byte[] hash) {
        if (socket == null) {
            return;
        }
        byte[] seq = new byte[4];
        Bytes.writeInt32LE(sequence++, seq, 0);
        try {
            socket.sendMore(TOPIC);
            socket.sendMore(hash);
            socket.send(seq);
        } catch (ZMQException e) {
            log.warn("hashblock not published on {}: {}", boundEndpoint, e.toString());
        }
    }

    private void closeSocket() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
