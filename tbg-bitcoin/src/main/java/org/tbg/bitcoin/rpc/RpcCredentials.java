package org.tbg.bitcoin.rpc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A user and password for HTTP basic auth, from the config or from a node's cookie file.
 * {@link #toString()} never shows the password.
 */
public record RpcCredentials(String user, String password) {

    public RpcCredentials {
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /**
     * Parses a cookie file's content, {@code user:password} on one line as Bitcoin Core writes it
     * (user {@code __cookie__}). The password is everything after the first colon.
     *
     * @throws IllegalArgumentException when there is no colon or the user is empty
     */
    public static RpcCredentials parseCookie(String content) {
        String line = content.strip();
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("cookie is not in user:password form");
        }
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("cookie has more than one line");
        }
        return new RpcCredentials(line.substring(0, colon), line.substring(colon + 1));
    }

    /** Reads and parses a cookie file. */
    public static RpcCredentials readCookie(Path cookieFile) throws IOException {
        String content = Files.readString(cookieFile, StandardCharsets.UTF_8);
        try {
            return parseCookie(content);
        } catch (IllegalArgumentException e) {
            throw new IOException(cookieFile + ": " + e.getMessage(), e);
        }
    }

    /** The value of the {@code Authorization} header. */
    public String authorizationHeader() {
        byte[] raw = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(raw);
    }

    @Override
    public String toString() {
        return "RpcCredentials[user=" + user + ", password=***]";
    }
}
