package org.tbg.app.loadtest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --source-addresses} value: local addresses the miners' connections are spread over,
 * round-robin. The kernel gives each source address its own ephemeral ports (about 28,000 by
 * default, {@code net.ipv4.ip_local_port_range}), so one address caps the connections to one pool
 * port; on Linux every address of {@code 127.0.0.0/8} is loopback and usable without setup.
 * Written as a comma-separated list of IP literals and IPv4 ranges, e.g.
 * {@code 127.0.0.2-127.0.0.9} or {@code 127.0.0.2,127.0.1.0-127.0.1.3}. No DNS.
 */
public final class SourceAddresses {
    /** More addresses than this is a typo (a range across a whole /16): 256 of them hold millions of connections. */
    static final int MAX_ADDRESSES = 256;

    private SourceAddresses() {}

    /** @throws IllegalArgumentException naming the part that is not an address or a forward IPv4 range */
    public static List<InetAddress> parse(String text) {
        List<InetAddress> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            int dash = p.indexOf('-');
            if (dash < 0) {
                out.add(address(literal(p, text)));
            } else {
                byte[] first = literal(p.substring(0, dash).strip(), text);
                byte[] last = literal(p.substring(dash + 1).strip(), text);
                if (first.length != 4 || last.length != 4) {
                    throw new IllegalArgumentException("ranges are IPv4 only: '" + p + "'");
                }
                long from = asLong(first);
                long to = asLong(last);
                if (to < from) {
                    throw new IllegalArgumentException("range runs backwards: '" + p + "'");
                }
                if (to - from >= MAX_ADDRESSES) {
                    throw new IllegalArgumentException("range '" + p + "' has more than " + MAX_ADDRESSES + " addresses");
                }
                for (long a = from; a <= to; a++) {
                    out.add(address(fromLong(a)));
                }
            }
            if (out.size() > MAX_ADDRESSES) {
                throw new IllegalArgumentException("more than " + MAX_ADDRESSES + " source addresses");
            }
        }
        return List.copyOf(out);
    }

    private static byte[] literal(String s, String whole) {
        byte[] b = AllowedHost.ipLiteral(s);
        if (b == null) {
            throw new IllegalArgumentException("not an IP address: '" + s + "' in '" + whole + "'");
        }
        return b;
    }

    private static long asLong(byte[] ipv4) {
        return ((ipv4[0] & 0xffL) << 24) | ((ipv4[1] & 0xffL) << 16) | ((ipv4[2] & 0xffL) << 8) | (ipv4[3] & 0xffL);
    }

    private static byte[] fromLong(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address", e); // only for a wrong length, which a literal never has
        }
    }
}
