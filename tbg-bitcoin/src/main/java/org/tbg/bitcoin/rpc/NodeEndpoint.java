package org.tbg.bitcoin.rpc;

import java.net.URI;
import java.nio.file.Path;

/**
 * One entry of the {@code btcd} list: where a node's JSON-RPC listens and how to authenticate.
 *
 * @param name       a short label for logs and metrics (defaults to host:port)
 * @param url        {@code http://host:port/}
 * @param user       basic-auth user (ignored when {@code cookieFile} is set)
 * @param password   basic-auth password; never logged
 * @param cookieFile Bitcoin Core's {@code .cookie} file ({@code user:password}), re-read on auth failure; may be null
 * @param notifies   whether this node is expected to push block notifications (ckpool's flag)
 */
public record NodeEndpoint(String name, URI url, String user, String password, Path cookieFile, boolean notifies) {

    /** Accepts {@code host:port}, {@code http://host:port} or {@code http://host:port/}. */
    public static NodeEndpoint of(String url, String user, String password) {
        String u = url.contains("://") ? url : "http://" + url;
        URI uri = URI.create(u.endsWith("/") ? u : u + "/");
        return new NodeEndpoint(uri.getHost() + ":" + uri.getPort(), uri, user, password, null, false);
    }

    @Override
    public String toString() {
        return name; // never the password
    }
}
