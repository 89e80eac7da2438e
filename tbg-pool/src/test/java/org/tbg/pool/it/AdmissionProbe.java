package org.tbg.pool.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells from the client side whether the pool kept a connection: the kernel completes every TCP
 * handshake before the pool sees it, so "refused" means the pool reset or closed it at once, and
 * "admitted" means it answered a {@code mining.subscribe}.
 */
final class AdmissionProbe {
    /** Longest wait for the pool's answer on an admitted connection. */
    private static final int ANSWER_TIMEOUT_MILLIS = 5_000;

    private AdmissionProbe() {}

    /**
     * Opens {@code count} connections from {@code local} at once (connect only), in order. The pool's
     * reset of a refused one can arrive before {@code connect} returns: that one is closed here and
     * its place in the list is null.
     */
    static List<Socket> connectAll(int port, InetAddress local, int count) throws IOException {
        List<Socket> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(local, 0));
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), ANSWER_TIMEOUT_MILLIS);
                out.add(s);
            } catch (SocketException e) {
                closeQuietly(s); // reset by the pool: refused
                out.add(null);
            }
        }
        return out;
    }

    /** True when the pool answers a subscribe on {@code s}; a refused socket (or null) is closed here. */
    static boolean admitted(Socket s) {
        if (s == null) {
            return false;
        }
        try {
            s.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            s.getOutputStream().write("{\"id\":1,\"method\":\"mining.subscribe\",\"params\":[\"probe\"]}\n"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            if (line != null && line.contains("\"result\"")) {
                return true;
            }
        } catch (IOException e) {
            // reset by the pool: refused
        }
        closeQuietly(s);
        return false;
    }

    /** Opens one connection from {@code local} and says whether the pool keeps it; closes it either way. */
    static boolean admittedOnce(int port, InetAddress local) throws IOException {
        Socket s = connectAll(port, local, 1).get(0);
        boolean ok = admitted(s);
        if (s != null) {
            closeQuietly(s);
        }
        return ok;
    }

    static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
