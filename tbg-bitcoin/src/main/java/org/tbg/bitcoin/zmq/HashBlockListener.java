package org.tbg.bitcoin.zmq;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.encoding.Bytes;
import org.tbg.bitcoin.encoding.Hex;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * Subscribes to a node's ZMQ {@code hashblock} notifications ({@code zmqpubhashblock}) and hands
 * each new block hash to a callback.
 *
 * <p>Message format (Bitcoin Core): three frames, the topic {@code hashblock}, the 32-byte block
 * hash in display (RPC) order, and a 4-byte little-endian sequence number. Other messages are
 * ignored.
 *
 * <p>Threading: one daemon thread owns the socket and runs the callback; a slow callback delays
 * later notifications, so it should only hand the hash on. ZMQ reconnects to a restarted publisher
 * by itself; heartbeats detect a publisher that vanished without closing the connection.
 */
public final class HashBlockListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HashBlockListener.class);

    private static final byte[] TOPIC = "hashblock".getBytes(StandardCharsets.US_ASCII);
    /** How long a receive waits before checking for close(): bounds close()'s latency. */
    private static final int RECEIVE_TIMEOUT_MS = 200;
    /** Reconnect backoff, from first retry to the cap. */
    private static final int RECONNECT_MS = 100;
    private static final int RECONNECT_MAX_MS = 5_000;
    /** ZMTP heartbeats: a silent publisher is dropped and reconnected after the timeout. */
    private static final int HEARTBEAT_INTERVAL_MS = 10_000;
    private static final int HEARTBEAT_TIMEOUT_MS = 30_000;
    /**
     * A connection whose ZMTP greeting has not completed by then is dropped and redialled. JeroMQ
     * 0.6.0 sometimes stalls the greeting of a fresh loopback connection (about 1 connect in 20 in
     * HashBlockListenerTest); the default of 30 s would hold back notifications that long.
     */
    private static final int HANDSHAKE_TIMEOUT_MS = 2_000;
    /** Pause after an unexpected socket error before a new socket is made. */
    private static final long ERROR_BACKOFF_MS = 1_000;

    private final String endpoint;
    private final Consumer<byte[]> onBlockHash;
    private final Thread thread;
    private volatile boolean running;
    /** Only the listener thread touches this. */
    private long lastSequence = -1;

    /**
     * @param endpoint    e.g. {@code tcp://127.0.0.1:28332}
     * @param onBlockHash receives each 32-byte block hash in display order (a fresh array each time)
     */
    public HashBlockListener(String endpoint, Consumer<byte[]> onBlockHash) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.onBlockHash = Objects.requireNonNull(onBlockHash, "onBlockHash");
        this.thread = new Thread(this::run, "tbg-zmq-hashblock");
        this.thread.setDaemon(true);
    }

    public synchronized void start() {
        if (running || thread.getState() != Thread.State.NEW) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread.start();
    }

    /** Stops the thread and closes the socket; waits at most a few receive timeouts. */
    @Override
    public void close() {
        running = false;
        if (thread.isAlive()) {
            try {
                thread.join(10L * RECEIVE_TIMEOUT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String endpoint() {
        return endpoint;
    }

    private void run() {
        log.info("listening for hashblock on {}", endpoint);
        while (running) {
            try (ZContext context = new ZContext()) {
                ZMQ.Socket socket = subscribe(context);
                while (running) {
                    receiveOne(socket);
                }
            } catch (ZMQException | IllegalStateException e) {
                if (!running) {
                    break;
                }
                log.warn("hashblock socket on {} failed: {}; new socket in {} ms", endpoint, e.toString(), ERROR_BACKOFF_MS);
                sleepQuietly(ERROR_BACKOFF_MS);
            }
        }
        log.info("stopped listening for hashblock on {}", endpoint);
    }

    private ZMQ.Socket subscribe(ZContext context) {
        ZMQ.Socket socket = context.createSocket(SocketType.SUB);
        socket.setLinger(0);
        socket.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
        socket.setReconnectIVL(RECONNECT_MS);
        socket.setReconnectIVLMax(RECONNECT_MAX_MS);
        socket.setHeartbeatIvl(HEARTBEAT_INTERVAL_MS);
        socket.setHeartbeatTimeout(HEARTBEAT_TIMEOUT_MS);
        socket.setTCPKeepAlive(1);
        socket.setHandshakeIvl(HANDSHAKE_TIMEOUT_MS);
        socket.subscribe(TOPIC);
        socket.connect(endpoint);
        return socket;
    }

    private void receiveOne(ZMQ.Socket socket) {
        byte[] topic = socket.recv(0);
        if (topic == null) {
            return; // receive timeout: loop to check running
        }
        byte[] hash = socket.hasReceiveMore() ? socket.recv(0) : null;
        byte[] sequence = socket.hasReceiveMore() ? socket.recv(0) : null;
        while (socket.hasReceiveMore()) {
            socket.recv(0); // drain unexpected extra frames
        }
        // The subscription matches by prefix; only the exact topic is ours.
        if (!Arrays.equals(topic, TOPIC)) {
            return;
        }
        if (sequence != null && sequence.length == 4) {
            checkSequence(Bytes.readInt32LE(sequence, 0) & 0xffffffffL);
        }
        if (hash == null || hash.length != 32) {
            log.warn("ignoring hashblock message from {} with a {}-byte hash frame", endpoint, hash == null ? 0 : hash.length);
            return;
        }
        log.debug("hashblock {} from {}", Hex.encode(hash), endpoint);
        try {
            onBlockHash.accept(hash);
        } catch (RuntimeException e) {
            log.error("hashblock callback failed for {}", Hex.encode(hash), e);
        }
    }

    private void checkSequence(long sequence) {
        long expected = (lastSequence + 1) & 0xffffffffL;
        if (lastSequence >= 0 && sequence != expected) {
            // A gap means dropped notifications; a reset to 0 usually a restarted node.
            log.warn("hashblock sequence from {} jumped from {} to {} (missed notifications or publisher restart)",
                    endpoint, lastSequence, sequence);
        }
        lastSequence = sequence;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
