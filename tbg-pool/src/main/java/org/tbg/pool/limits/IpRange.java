package org.tbg.pool.limits;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IP address or a CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, {@code 127.0.0.1}),
 * written as IP literals only: no host names, so nothing is ever looked up.
 *
 * @param network      the block's first address bytes (4 or 16), host bits zero
 * @param prefixLength how many leading bits must match
 */
public record IpRange(byte[] network, int prefixLength) {

    public IpRange {
        network = network.clone();
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + network.length);
        }
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " does not fit a " + network.length * 8 + "-bit address");
        }
        network = masked(network, prefixLength);
    }

    /**
     * Parses {@code address} or {@code address/prefix}.
     *
     * @throws IllegalArgumentException saying what is wrong, for anything that is not an IP literal or block
     */
    public static IpRange parse(String text) {
        String s = text.strip();
        int slash = s.indexOf('/');
        String literal = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = ipLiteral(literal);
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address: '" + literal + "'");
        }
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a prefix length: '" + s.substring(slash + 1) + "'");
            }
        }
        return new IpRange(bytes, prefix);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == network.length && Arrays.equals(masked(a, prefixLength), network);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpRange r && r.prefixLength == prefixLength && Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes, checked above
        }
    }

    static byte[] masked(byte[] address, int prefixLength) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    /** The bytes of an IPv4 or IPv6 literal, or null for anything else (host names included). */
    private static byte[] ipLiteral(String s) {
        if (s.isEmpty()) {
            return null;
        }
        boolean v4 = s.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
        boolean v6 = s.indexOf(':') >= 0 && s.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (v4) {
            String[] parts = s.split("\\.", -1);
            if (parts.length != 4) {
                return null;
            }
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                if (parts[i].isEmpty() || parts[i].length() > 3 || Integer.parseInt(parts[i]) > 255) {
                    return null;
                }
                b[i] = (byte) Integer.parseInt(parts[i]);
            }
            return b;
        }
        if (!v6) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress(); // a literal with ':' is parsed, never resolved
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
