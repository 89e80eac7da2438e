package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadReportJsonTest {
    static final List<String> CONTRACT_FIELDS = List.of("profile", "miners", "duration_s", "connects_ok", "connects_failed",
            "peak_concurrent", "submitted", "accepted", "rejected", "stale", "rejects_by_reason", "shares_per_s",
            "latency_ms", "errors");

    @TempDir
    Path dir;

    @Test
    void theContractFieldsComeFirstWithTheirValues() throws Exception {
        JsonNode json = new ObjectMapper().readTree(LoadReportJson.toJsonText(sample()));

        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names.subList(0, CONTRACT_FIELDS.size())).isEqualTo(CONTRACT_FIELDS);
        assertThat(json.get("profile").asText()).isEqualTo("smoke");
        assertThat(json.get("miners").asInt()).isEqualTo(10);
        assertThat(json.get("duration_s").asDouble()).isEqualTo(30.0);
        assertThat(json.get("connects_ok").asLong()).isEqualTo(9);
        assertThat(json.get("connects_failed").asLong()).isEqualTo(1);
        assertThat(json.get("peak_concurrent").asInt()).isEqualTo(9);
        assertThat(json.get("submitted").asLong()).isEqualTo(60);
        assertThat(json.get("accepted").asLong()).isEqualTo(10);
        assertThat(json.get("rejected").asLong()).isEqualTo(48);
        assertThat(json.get("stale").asLong()).isEqualTo(3);
        assertThat(json.get("rejects_by_reason").get("Low difficulty share").asLong()).isEqualTo(45);
        assertThat(json.get("rejects_by_reason").get("Stale").asLong()).isEqualTo(3);
        assertThat(json.get("shares_per_s").asDouble()).isEqualTo(2.0);
        assertThat(json.get("target").asText()).isEqualTo("127.0.0.1:3333");
        assertThat(json.get("timeline").get(1).get("submitted").asLong()).isEqualTo(7);
    }

    @Test
    void latencyIsInMillisecondsWithTheFivePoints() throws Exception {
        JsonNode latency = new ObjectMapper().readTree(LoadReportJson.toJsonText(sample())).get("latency_ms");

        List<String> names = new ArrayList<>();
        latency.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("min", "p50", "p95", "p99", "max");
        assertThat(latency.get("min").asDouble()).isEqualTo(0.25);
        assertThat(latency.get("p50").asDouble()).isEqualTo(1.5);
        assertThat(latency.get("max").asDouble()).isEqualTo(12.0);
    }

    @Test
    void everyErrorKindIsPresentSoDashboardsSeeZeros() throws Exception {
        JsonNode errors = new ObjectMapper().readTree(LoadReportJson.toJsonText(sample())).get("errors");

        List<String> names = new ArrayList<>();
        errors.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("connect_refused", "connect_timeout", "connect_error", "handshake_timeout",
                "subscribe_refused", "authorize_refused", "closed_during_handshake", "disconnected", "protocol_error",
                "submit_timeout", "submit_lost", "submit_unanswered");
        assertThat(errors.get("connect_refused").asLong()).isEqualTo(1);
        assertThat(errors.get("submit_timeout").asLong()).isEqualTo(2);
        assertThat(errors.get("disconnected").asLong()).isZero();
    }

    @Test
    void noRepliesGiveNullLatencies(@TempDir Path tmp) throws Exception {
        LoadReport empty = new LoadReport("custom", 1, 5, 0, "127.0.0.1:3333", 1, 0, 0, 1, 0, 0, 0, 0, 0, Map.of(), 0, 0,
                new LatencySamples().snapshot(), Map.of(LoadError.CONNECT_REFUSED, 1L), Map.of(), List.of());
        Path file = tmp.resolve("r.json");

        LoadReportJson.write(empty, file);

        JsonNode latency = new ObjectMapper().readTree(Files.readString(file)).get("latency_ms");
        assertThat(latency.get("p50").isNull()).isTrue();
        assertThat(latency.get("max").isNull()).isTrue();
    }

    /** 10 miners, one refused; 60 submits: 10 accepted, 45 low difficulty, 3 stale, 2 timed out. */
    static LoadReport sample() {
        LatencyDistribution latency = LatencyDistribution.ofMillis(0.25, 1.5, 1.5, 2, 12);
        return new LoadReport("smoke", 10, 5, 2, "127.0.0.1:3333", 30.0, 0, 9, 1, 9, 60, 10, 48, 3,
                Map.of("Low difficulty share", 45L, "Stale", 3L), 0, 0, latency,
                Map.of(LoadError.CONNECT_REFUSED, 1L, LoadError.SUBMIT_TIMEOUT, 2L),
                Map.of(LoadError.CONNECT_REFUSED, "Connection refused"),
                List.of(new TimelineSecond(0, 3, 0, 2, 12), new TimelineSecond(1, 7, 1, 6, 2)));
    }
}
