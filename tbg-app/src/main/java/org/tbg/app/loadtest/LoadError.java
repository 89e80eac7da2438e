package org.tbg.app.loadtest;

/**
 * The kinds of trouble a load run counts, with the names the report and its JSON use. The
 * connect, handshake and disconnect kinds cost a miner its connection; the submit kinds cost one
 * share its answer; a protocol error can be either.
 */
public enum LoadError {
    /** Nothing listens on the port (or a firewall said no). */
    CONNECT_REFUSED("connect_refused"),
    /** The TCP connect did not complete in time. */
    CONNECT_TIMEOUT("connect_timeout"),
    /** Any other failure to open the connection (unreachable network, unknown host). */
    CONNECT_ERROR("connect_error"),
    /** subscribe, authorize or the first set_difficulty + notify did not come in time. */
    HANDSHAKE_TIMEOUT("handshake_timeout"),
    /** mining.subscribe answered with an error. */
    SUBSCRIBE_REFUSED("subscribe_refused"),
    /** mining.authorize answered false or with an error. */
    AUTHORIZE_REFUSED("authorize_refused"),
    /** The pool closed the connection before the handshake was done. */
    CLOSED_DURING_HANDSHAKE("closed_during_handshake"),
    /** The pool closed a mining connection nobody asked it to close. */
    DISCONNECTED("disconnected"),
    /** A reply that does not follow the protocol (wrong shape, missing fields). */
    PROTOCOL_ERROR("protocol_error"),
    /** A submit without a reply within the submit timeout. */
    SUBMIT_TIMEOUT("submit_timeout"),
    /** A submit whose connection closed before the reply came. */
    SUBMIT_LOST("submit_lost"),
    /** A submit still waiting for its reply when the run ended (after the drain). */
    SUBMIT_UNANSWERED("submit_unanswered");

    private final String key;

    LoadError(String key) {
        this.key = key;
    }

    /** The stable name in the report and its JSON. */
    public String key() {
        return key;
    }
}
