package org.tbg.devnet.rpc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** Checks an HTTP {@code Authorization: Basic …} header against the one configured user and password. */
public final class BasicAuthenticator {
    private static final String PREFIX = "Basic ";

    private final byte[] expected;

    public BasicAuthenticator(String user, String password) {
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("an RPC user name cannot contain ':'");
        }
        this.expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    /** @param header the Authorization header's value, or null when absent */
    public boolean accepts(String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.substring(PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        // Constant time, so response timing does not reveal how much of a guess was right.
        return MessageDigest.isEqual(given, expected);
    }
}
