package org.tbg.collector.source;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.tbg.events.socket.DatagramSocketSource;

/**
 * Events from the Unix datagram socket (the seeds' {@code /tmp/ckpool/events.sock} format: one
 * JSON event per datagram). Best effort by nature — datagrams carry no acks — but bounded: the
 * socket's thread hands datagrams to a queue of {@code capacity}; when the queue is full (the
 * stores are down and a batch is being retried) that thread waits, the kernel's socket buffer
 * fills, and senders see it full (the pool counts those events as dropped). Datagrams still queued
 * when the collector stops are lost; the journal replay recovers them.
 *
 * <p>The socket thread only enqueues; {@link #fetch} runs on the pipeline's thread.
 */
public final class SocketEventSource implements EventSource {
    private static final long OFFER_SLICE_MILLIS = 100;

    private final Path path;
    private final BlockingQueue<byte[]> queue;
    private volatile boolean closed;
    private DatagramSocketSource socket;

    private SocketEventSource(Path path, int capacity) {
        this.path = path;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /**
     * Binds the socket path (a stale socket file is replaced).
     *
     * @param capacity datagrams held in memory at most (about two batches)
     */
    public static SocketEventSource bind(Path path, int capacity) throws IOException {
        SocketEventSource source = new SocketEventSource(path, capacity);
        source.socket = DatagramSocketSource.bind(path, source::enqueue);
        return source;
    }

    /** Socket thread: waits while the queue is full, until there is room or the source closes. */
    private void enqueue(byte[] datagram) {
        try {
            while (!closed) {
                if (queue.offer(datagram, OFFER_SLICE_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public SourceBatch fetch(int max, Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        List<byte[]> out = new ArrayList<>(Math.min(max, 1024));
        while (out.size() < max) {
            if (queue.drainTo(out, max - out.size()) > 0) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            byte[] next = queue.poll(left, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            out.add(next);
        }
        return new SourceBatch() {
            @Override
            public List<byte[]> messages() {
                return out;
            }

            @Override
            public void ack() {
                // datagrams have no acknowledgement
            }

            @Override
            public String origin(int index) {
                return "socket " + path;
            }
        };
    }

    @Override
    public String describe() {
        return "socket " + path;
    }

    @Override
    public void close() {
        closed = true;
        if (socket != null) {
            socket.close();
        }
    }
}
