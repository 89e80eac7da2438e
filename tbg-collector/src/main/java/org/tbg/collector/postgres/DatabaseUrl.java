package org.tbg.collector.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * A {@code database_url} ({@code postgresql://user:password@host:port/db?params}, also
 * {@code postgres://} or {@code jdbc:postgresql://}) split into what JDBC takes: the credentials
 * leave the URL, so {@link #jdbcUrl()} and {@link #toString()} can be logged.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host:port/db?params}, without credentials
 * @param user     null when the URL names none
 * @param password null when the URL names none
 */
public record DatabaseUrl(String jdbcUrl, String user, String password) {

    /** @throws IllegalArgumentException naming the expected form, never echoing the URL (it may hold a password) */
    public static DatabaseUrl parse(String url) {
        String bare = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri;
        try {
            uri = new URI(bare);
        } catch (URISyntaxException e) {
            throw invalid();
        }
        String scheme = uri.getScheme();
        if (!"postgresql".equals(scheme) && !"postgres".equals(scheme) || uri.getRawAuthority() == null) {
            throw invalid();
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        String authority = uri.getRawAuthority();
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.isEmpty()) {
            throw invalid();
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(hostPort);
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            jdbc.append('?').append(uri.getRawQuery());
        }
        return new DatabaseUrl(jdbc.toString(), user, password);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid() {
        return new IllegalArgumentException(
                "database URL is not a PostgreSQL URL (expected postgresql://[user[:password]@]host[:port]/database)");
    }

    /** The URL without the password. */
    @Override
    public String toString() {
        return user == null ? jdbcUrl : jdbcUrl + " (user " + user + ")";
    }
}
