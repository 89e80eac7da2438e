package org.tbg.pool.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay that counts the connections passing through it. A miner pointed at it
 * instead of the pool shows, from outside, whether it ever dropped its connection and reconnected
 * (the CPU miner itself does not count reconnects). Threads: one acceptor, two pumps per connection.
 */
final class CountingTcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private CountingTcpProxy(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    static CountingTcpProxy start(int targetPort) throws IOException {
        CountingTcpProxy p = new CountingTcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
        Thread t = new Thread(p::acceptLoop, "it-proxy-accept");
        t.setDaemon(true);
        t.start();
        return p;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Connections accepted since start. */
    int accepted() {
        return accepted.get();
    }

    /** Connections currently relayed (both sides open). */
    int open() {
        return open.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.incrementAndGet();
            try {
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                Link link = new Link(client, upstream);
                open.incrementAndGet();
                pump("it-proxy-up", client, upstream, link);
                pump("it-proxy-down", upstream, client, link);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(String name, Socket from, Socket to, Link link) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went away: the link is over
            } finally {
                link.close();
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Both sockets of one relayed connection; closed once, from whichever side ends first. */
    private final class Link {
        private final Socket a;
        private final Socket b;
        private final AtomicBoolean done = new AtomicBoolean();

        Link(Socket a, Socket b) {
            this.a = a;
            this.b = b;
            sockets.add(a);
            sockets.add(b);
        }

        void close() {
            if (done.compareAndSet(false, true)) {
                open.decrementAndGet();
                closeQuietly(a);
                closeQuietly(b);
                sockets.remove(a);
                sockets.remove(b);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        sockets.forEach(CountingTcpProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
