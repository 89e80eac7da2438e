package org.tbg.collector.postgres;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * The {@code ip} of an event as PostgreSQL {@code inet} text, or null when it is not an IP
 * address: one bad value must not fail the cast of a whole batch. Never resolves names: only
 * strict dotted quads and strings with a ':' (which the JDK parses as IPv6 literals) are parsed.
 */
public final class InetText {
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

    private InetText() {
    }

    public static String canonical(String ip) {
        if (ip == null) {
            return null;
        }
        if (IPV4.matcher(ip).matches()) {
            return ip;
        }
        if (ip.indexOf(':') < 0 || !IPV6_CHARS.matcher(ip).matches()) {
            return null;
        }
        try {
            // with a ':' the JDK parses a literal or refuses it; it never asks DNS
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
