package org.tbg.stratum.client;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.stratum.message.NotifyJob;
import org.tbg.stratum.message.ReconnectRequest;

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
                ReconnectRequest r = ReconnectRequest.fromParams(params);
                listener.onReconnect(r.host(), r.port(), r.waitSeconds());
            }
            case "client.show_message" -> {
                JsonNode text = params.get(0);
                listener.onShowMessage(text != null && text.isTextual() ? text.textValue() : String.valueOf(text));
            }
            default -> LOG.debug("ignoring pool notification {}", method);
        }
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
