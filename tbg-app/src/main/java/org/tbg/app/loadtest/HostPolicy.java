package org.tbg.app.loadtest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where a load may be sent. A load generator pointed at someone else's pool is an attack, so
 * only two kinds of target are accepted: a loopback address ({@code 127.0.0.0/8}, {@code ::1},
 * or {@code localhost} when it resolves only to loopback), or a host the operator allowed
 * explicitly with {@code --allow-host} (a name, an address, or a CIDR network such as a test
 * network namespace's {@code 10.200.0.0/24}). Other names are refused without being resolved.
 * Immutable.
 */
public final class HostPolicy {
    private static final String LOCALHOST = "localhost";

    private final List<AllowedHost> allowed;

    public HostPolicy(List<AllowedHost> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** A policy from {@code --allow-host} values; throws IllegalArgumentException naming a bad entry. */
    public static HostPolicy allowing(List<String> entries) {
        return new HostPolicy(entries.stream().map(AllowedHost::parse).toList());
    }

    /** Empty when {@code host} may be loaded; otherwise the reason it may not. */
    public Optional<String> refusal(String host) {
        if (allowed.stream().anyMatch(a -> a.matches(host))) {
            return Optional.empty();
        }
        byte[] literal = AllowedHost.ipLiteral(host);
        if (literal != null) {
            return isLoopback(literal) ? Optional.empty() : refused(host, "is not a loopback address");
        }
        if (host.equalsIgnoreCase(LOCALHOST)) {
            return resolvesToLoopbackOnly(host) ? Optional.empty() : refused(host, "does not resolve to loopback only");
        }
        return refused(host, "is not a loopback address");
    }

    private static Optional<String> refused(String host, String why) {
        return Optional.of("refusing to load " + host + ": it " + why
                + "; load only your own test pools, and name them with --allow-host HOST|ADDRESS|CIDR");
    }

    private static boolean isLoopback(byte[] address) {
        try {
            return InetAddress.getByAddress(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // wrong length: cannot happen for a parsed literal
        }
    }

    private static boolean resolvesToLoopbackOnly(String name) {
        try {
            InetAddress[] all = InetAddress.getAllByName(name);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
