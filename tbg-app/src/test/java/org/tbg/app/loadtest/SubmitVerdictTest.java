package org.tbg.app.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.tbg.stratum.codec.StratumJson;
import org.tbg.stratum.message.StratumError;

class SubmitVerdictTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void trueIsAccepted() throws Exception {
        SubmitVerdict v = SubmitVerdict.of(json(StratumJson.result("4", true)));

        assertThat(v.kind()).isEqualTo(SubmitVerdict.Kind.ACCEPTED);
    }

    @Test
    void ckpoolRejectsCarryTheirReason() throws Exception {
        SubmitVerdict low = SubmitVerdict.of(json(StratumJson.reject("5", StratumError.LOW_DIFFICULTY, null)));
        SubmitVerdict stale = SubmitVerdict.of(json(StratumJson.reject("6", StratumError.JOB_NOT_FOUND, "Stale")));

        assertThat(low).isEqualTo(new SubmitVerdict(SubmitVerdict.Kind.REJECTED, "Low difficulty share"));
        assertThat(low.stale()).isFalse();
        assertThat(stale).isEqualTo(new SubmitVerdict(SubmitVerdict.Kind.REJECTED, "Stale"));
        assertThat(stale.stale()).isTrue();
    }

    @Test
    void rejectsWithoutRejectReasonUseTheErrorText() throws Exception {
        SubmitVerdict cgminerStyle = SubmitVerdict.of(JSON.readTree("{\"id\":7,\"result\":null,\"error\":[21,\"Job not found\",null]}"));
        SubmitVerdict plainFalse = SubmitVerdict.of(JSON.readTree("{\"id\":8,\"result\":false,\"error\":null}"));

        assertThat(cgminerStyle).isEqualTo(new SubmitVerdict(SubmitVerdict.Kind.REJECTED, "Job not found"));
        assertThat(plainFalse).isEqualTo(new SubmitVerdict(SubmitVerdict.Kind.REJECTED, SubmitVerdict.NO_REASON));
    }

    @Test
    void anythingElseIsAProtocolError() throws Exception {
        assertThat(SubmitVerdict.of(JSON.readTree("{\"id\":9}")).kind()).isEqualTo(SubmitVerdict.Kind.MALFORMED);
        assertThat(SubmitVerdict.of(JSON.readTree("{\"id\":9,\"result\":\"yes\",\"error\":null}")).kind())
                .isEqualTo(SubmitVerdict.Kind.MALFORMED);
        assertThat(SubmitVerdict.of(JSON.readTree("{\"id\":9,\"result\":null,\"error\":null}")).kind())
                .isEqualTo(SubmitVerdict.Kind.MALFORMED);
    }

    @Test
    void longReasonsAreCut() throws Exception {
        String reason = "x".repeat(500);
        SubmitVerdict v = SubmitVerdict.of(json(StratumJson.reject("1", StratumError.OTHER, reason)));

        assertThat(v.reason()).hasSize(SubmitVerdict.MAX_REASON_LENGTH + 1).endsWith("…");
    }

    private static JsonNode json(byte[] line) throws Exception {
        return JSON.readTree(line);
    }
}
