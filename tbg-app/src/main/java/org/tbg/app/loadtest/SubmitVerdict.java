package org.tbg.app.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * What the reply to one {@code mining.submit} says: accepted, rejected (with the pool's reason),
 * or not a valid reply at all.
 *
 * @param reason the reject reason (ckpool's {@code reject-reason}, else the error's text); null unless rejected
 */
record SubmitVerdict(Kind kind, String reason) {
    /** Reasons are report keys: a pool that puts data in them must not grow the report without bound. */
    static final int MAX_REASON_LENGTH = 80;
    static final String NO_REASON = "(no reason given)";

    enum Kind { ACCEPTED, REJECTED, MALFORMED }

    static SubmitVerdict of(JsonNode response) {
        JsonNode result = response.get("result");
        JsonNode error = response.get("error");
        boolean hasError = error != null && !error.isNull();
        if (result != null && result.isBoolean() && result.booleanValue()) {
            return new SubmitVerdict(Kind.ACCEPTED, null);
        }
        boolean falseOrNull = result != null && (result.isNull() || (result.isBoolean() && !result.booleanValue()));
        if (falseOrNull && (hasError || result.isBoolean())) {
            return new SubmitVerdict(Kind.REJECTED, reason(response.get("reject-reason"), error));
        }
        return new SubmitVerdict(Kind.MALFORMED, "submit reply has neither result true nor a rejection");
    }

    /** ckpool answers a share on a replaced block's job with reason "Stale". */
    boolean stale() {
        return kind == Kind.REJECTED && reason.toLowerCase(Locale.ROOT).contains("stale");
    }

    private static String reason(JsonNode rejectReason, JsonNode error) {
        String text = null;
        if (rejectReason != null && rejectReason.isTextual()) {
            text = rejectReason.textValue();
        } else if (error != null && error.isArray() && error.size() > 1 && error.get(1).isTextual()) {
            text = error.get(1).textValue();
        } else if (error != null && error.isTextual()) {
            text = error.textValue();
        } else if (error != null && error.path("message").isTextual()) {
            text = error.get("message").textValue();
        }
        if (text == null || text.isBlank()) {
            return NO_REASON;
        }
        text = text.strip();
        return text.length() > MAX_REASON_LENGTH ? text.substring(0, MAX_REASON_LENGTH) + "…" : text;
    }
}
