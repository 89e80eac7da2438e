package org.tbg.stratum.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.stratum.message.NotifyJob;

/** Turns pool notifications into {@link StratumClient.Listener} calls, dropping malformed ones with a log line. */
final class PoolNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(PoolNotifications.class);

    private PoolNotifications() {}

    static void dispatch(String method, JsonNode params, StratumClient.Listener listener) {
        switch (method) {
            case "mining.set_difficulty" -> {
                JsonNode d = params.get(0);
                double diff = d == null ? Double.NaN : d.isNumber() ? d.doubleValue() : parseDouble(d.asText());
                if (diff > 0 && Double.isFinite(diff)) {
                    listener.onSetDifficulty(diff);
                } else {
                    LOG.warn("ignoring mining.set_difficulty with an invalid difficulty");
                }
            }
            case "mining.notify" -> {
                NotifyJob job;
                try {
                    job = NotifyJob.fromParams(params);
                } catch (IllegalArgumentException e) {
                    LOG.warn("ignoring malformed mining.notify: {}", e.getMessage());
                    return;
                }
                listener.onNotify(job);
            }
            case "client.reconnect" -> {
                JsonNode host = params.get(0);
                listener.onReconnect(host != null && host.isTextual() && !host.textValue().isEmpty() ? host.textValue() : null,
                        integer(params.get(1)), integer(params.get(2)));
            }
            case "client.show_message" -> {
                JsonNode text = params.get(0);
                listener.onShowMessage(text != null && text.isTextual() ? text.textValue() : String.valueOf(text));
            }
            default -> LOG.debug("ignoring pool notification {}", method);
        }
    }

    /** An integer param; pools send ports both as numbers and as strings (ckpool does both). */
    private static Integer integer(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isTextual()) {
            try {
                return Integer.valueOf(n.textValue().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
