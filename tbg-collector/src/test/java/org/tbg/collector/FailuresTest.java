package org.tbg.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void joinsTheDistinctMessagesOfTheChainOnOneLine() {
        Exception e = new IllegalStateException("Unable to obtain connection\n----------------\nSQL State : 08001",
                new SQLException("Connection refused", new IOException("Connection refused")));
        assertThat(Failures.oneLine(e)).isEqualTo("Unable to obtain connection SQL State : 08001: Connection refused");
    }

    @Test
    void namesTheExceptionWhenThereIsNoMessage() {
        assertThat(Failures.oneLine(new java.io.EOFException())).isEqualTo("EOFException");
    }
}
