package org.tbg.stratum.message;

import java.util.Objects;

/**
 * A client line that is not a usable stratum request. The pool answers with
 * {@code [20, reason, null]} when the id is known and closes the connection.
 *
 * @param rawId  the id's JSON text when it could be read before the problem, else null
 * @param reason short text for the miner and the log; never echoes the raw line
 */
public record MalformedLine(String rawId, String reason) implements ClientLine {
    public MalformedLine {
        Objects.requireNonNull(reason, "reason");
    }
}
