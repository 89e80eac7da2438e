package org.tbg.app.loadtest;

/** Why a connection did not get to mining; travels through the handshake's futures. */
final class HandshakeFailure extends RuntimeException {
    private final LoadError kind;

    HandshakeFailure(LoadError kind, String detail) {
        super(detail, null, false, false); // a verdict on the pool, not a bug: no stack trace
        this.kind = kind;
    }

    LoadError kind() {
        return kind;
    }
}
