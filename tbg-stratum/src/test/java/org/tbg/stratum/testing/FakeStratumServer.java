package org.tbg.stratum.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny line-based TCP server on loopback for client/miner tests: plain sockets, one thread per
 * connection, every received line parsed as JSON, recorded and handed to the handler.
 */
public final class FakeStratumServer implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    /** Reacts to one received message; runs on the connection's reader thread. */
    public interface Handler {
        void onMessage(Conn conn, JsonNode msg) throws IOException;
    }

    public final class Conn {
        private final int index;
        private final Socket socket;
        private final OutputStream out;
        public final List<JsonNode> received = new CopyOnWriteArrayList<>();

        Conn(int index, Socket socket) throws IOException {
            this.index = index;
            this.socket = socket;
            this.out = socket.getOutputStream();
        }

        public int index() {
            return index;
        }

        /** Writes one line (a '\n' is appended). Errors are ignored: the peer may be gone. */
        public synchronized void send(String json) {
            try {
                out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                // closed by the peer
            }
        }

        public void sendBytes(byte[] line) {
            send(new String(line, StandardCharsets.UTF_8).stripTrailing());
        }

        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }

        public boolean isClosed() {
            return socket.isClosed();
        }
    }

    private final ServerSocket server;
    private final Handler handler;
    private final List<Conn> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public FakeStratumServer(Handler handler) throws IOException {
        this.handler = handler;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-stratum-accept");
        acceptor.setDaemon(true);
        threads.add(acceptor);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public List<Conn> connections() {
        return connections;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Conn c = new Conn(connections.size(), s);
                connections.add(c);
                Thread reader = new Thread(() -> readLoop(c), "fake-stratum-conn-" + c.index);
                reader.setDaemon(true);
                threads.add(reader);
                reader.start();
            } catch (IOException e) {
                return; // server closed
            }
        }
    }

    private void readLoop(Conn c) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(c.socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode msg = JSON.readTree(line);
                c.received.add(msg);
                handler.onMessage(c, msg);
            }
        } catch (IOException e) {
            // connection closed
        } finally {
            c.close();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Conn c : connections) {
            c.close();
        }
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
