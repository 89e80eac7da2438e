package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RequestLinesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aSubmitIsOneJsonLineWithTheFiveParamsInStratumOrder() throws Exception {
        String line = RequestLines.submit(42, "bcrt1qabc.lt7", new CraftedShare("6b04", "00000000000000ff", "66000000", "deadbeef"));

        assertThat(line).endsWith("\n").doesNotContain("\r");
        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode req = JSON.readTree(line);
        assertThat(req.get("id").asLong()).isEqualTo(42);
        assertThat(req.get("method").asText()).isEqualTo("mining.submit");
        assertThat(req.get("params")).hasSize(5);
        assertThat(req.get("params").get(0).asText()).isEqualTo("bcrt1qabc.lt7");
        assertThat(req.get("params").get(1).asText()).isEqualTo("6b04");
        assertThat(req.get("params").get(2).asText()).isEqualTo("00000000000000ff");
        assertThat(req.get("params").get(3).asText()).isEqualTo("66000000");
        assertThat(req.get("params").get(4).asText()).isEqualTo("deadbeef");
    }

    @Test
    void aJobIdThePoolChoseIsEscapedSoTheLineStaysValidJson() throws Exception {
        String jobId = "a\"b\\c\u0001d\u00e9\n";

        String line = RequestLines.submit(1, "w", new CraftedShare(jobId, "00", "66000000", "00000000"));

        assertThat(line.indexOf('\n')).as("the only newline ends the line").isEqualTo(line.length() - 1);
        assertThat(JSON.readTree(line).get("params").get(1).asText()).isEqualTo(jobId);
    }

    @Test
    void otherRequestsCarryAnyParamsThroughJackson() throws Exception {
        JsonNode req = JSON.readTree(RequestLines.request(7, "mining.subscribe", "tbg-loadtest/0.1", null, 3));

        assertThat(req.get("id").asLong()).isEqualTo(7);
        assertThat(req.get("method").asText()).isEqualTo("mining.subscribe");
        assertThat(req.get("params").get(0).asText()).isEqualTo("tbg-loadtest/0.1");
        assertThat(req.get("params").get(1).isNull()).isTrue();
        assertThat(req.get("params").get(2).asInt()).isEqualTo(3);
    }
}
