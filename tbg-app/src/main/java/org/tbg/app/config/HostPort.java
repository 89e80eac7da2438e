package org.tbg.app.config;

import java.util.Optional;

/**
 * A {@code host:port} pair as the config and the command line write it. IPv6 hosts are written
 * in brackets ({@code [::1]:3333}); the brackets are not part of {@link #host()}.
 */
public record HostPort(String host, int port) {

    /** Empty when the text is not {@code host:port} with a port from 1 to 65535. */
    public static Optional<HostPort> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            return Optional.empty(); // an IPv6 literal without brackets is ambiguous
        }
        if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        String digits = text.substring(colon + 1);
        if (digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        int port = Integer.parseInt(digits);
        return port >= 1 && port <= 65535 ? Optional.of(new HostPort(host, port)) : Optional.empty();
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
