package org.tbg.app.loadtest;

import io.netty.util.NetUtil;
import java.util.Locale;

/**
 * One {@code --allow-host} entry: an IP network in CIDR form ({@code 10.200.0.0/24},
 * {@code fd00:1::/64}), a single IP address, or a host name matched exactly (case-insensitive,
 * never resolved here). Immutable.
 */
public final class AllowedHost {
    /** Lower-case host name, or null for an address entry. */
    private final String name;
    /** The network's address bytes (4 or 16), or null for a name entry. */
    private final byte[] network;
    /** Leading bits of {@code network} an address must share. */
    private final int prefixLength;

    private AllowedHost(String name, byte[] network, int prefixLength) {
        this.name = name;
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /** @throws IllegalArgumentException with the reason when the entry is neither a host name nor an address/CIDR */
    public static AllowedHost parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String addressPart = slash < 0 ? t : t.substring(0, slash);
        byte[] address = ipLiteral(addressPart);
        if (address == null) {
            if (slash >= 0 || !isHostName(t)) {
                throw new IllegalArgumentException("not a host name, an IP address or a CIDR network: '" + text + "'");
            }
            return new AllowedHost(t.toLowerCase(Locale.ROOT), null, 0);
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String digits = t.substring(slash + 1);
            if (digits.isEmpty() || digits.length() > 3 || !digits.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(digits) > bits) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "' (0-" + bits + ")");
            }
            prefix = Integer.parseInt(digits);
        }
        return new AllowedHost(null, address, prefix);
    }

    /** True when {@code host} is this name, or an IP literal inside this network. */
    public boolean matches(String host) {
        if (name != null) {
            return name.equals(host.toLowerCase(Locale.ROOT));
        }
        byte[] address = ipLiteral(host);
        if (address == null || address.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[whole] & mask) == (network[whole] & mask);
    }

    /** The bytes of an IPv4 or IPv6 literal (brackets allowed), or null when {@code host} is not one. No DNS. */
    static byte[] ipLiteral(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return NetUtil.createByteArrayFromIpAddressString(h);
    }

    private static boolean isHostName(String s) {
        return !s.isEmpty() && s.length() <= 253 && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '.')
                && s.chars().anyMatch(Character::isLetter);
    }

    @Override
    public String toString() {
        return name != null ? name : NetUtil.bytesToIpAddress(network) + "/" + prefixLength;
    }
}
