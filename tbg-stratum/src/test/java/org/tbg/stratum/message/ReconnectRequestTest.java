package org.tbg.stratum.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class ReconnectRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void numbersAndStringsAreReadAlike() throws Exception {
        assertThat(ReconnectRequest.fromParams(JSON.readTree("[\"eu.example\", \" 3334 \", 7]")))
                .isEqualTo(new ReconnectRequest("eu.example", 3334, 7));
    }

    @Test
    void whatCannotBeReadMeansSameAsNow() throws Exception {
        assertThat(ReconnectRequest.fromParams(JSON.readTree("[\"\", \"port\", 1e30]")))
                .isEqualTo(new ReconnectRequest(null, null, null));
        assertThat(ReconnectRequest.fromParams(JSON.readTree("{\"host\": \"x\"}")))
                .isEqualTo(new ReconnectRequest(null, null, null));
    }
}
