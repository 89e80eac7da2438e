package org.tbg.bitcoin.address;

/**
 * An address the local decoder does not accept. {@link #unknownFormat()} separates "this could be
 * valid in a format I don't know" (ask the node) from a definite error (reject at once).
 */
public final class InvalidAddressException extends Exception {
    private final String reason;
    private final boolean unknownFormat;

    public InvalidAddressException(String reason, boolean unknownFormat) {
        super(reason, null, false, false); // a value with a reason: no stack trace needed
        this.reason = reason;
        this.unknownFormat = unknownFormat;
    }

    /** A definite error: bad checksum, wrong length, wrong network, unspendable witness version… */
    public static InvalidAddressException invalid(String reason) {
        return new InvalidAddressException(reason, false);
    }

    /** Well-formed text of a kind this decoder does not know: an unknown base58 version or bech32 HRP. */
    public static InvalidAddressException unknown(String reason) {
        return new InvalidAddressException(reason, true);
    }

    public String reason() {
        return reason;
    }

    public boolean unknownFormat() {
        return unknownFormat;
    }
}
