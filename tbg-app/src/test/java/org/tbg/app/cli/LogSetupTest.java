package org.tbg.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LogSetupTest {

    @Test
    void filesUnderTheLogDirGetTheSameLinesAsTheConsole(@TempDir Path dir) throws IOException {
        RollingFileAppender<ILoggingEvent> appender = LogSetup.writeFilesUnder(dir);
        try {
            LoggerFactory.getLogger("org.tbg.pool.Example").warn("node failover: {} -> {}", "a:1", "b:2");
        } finally {
            LogSetup.root().detachAppender(appender);
            appender.stop();
        }

        String log = Files.readString(dir.resolve("tbg.log"));
        assertThat(log).matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} WARN  Example - node failover: a:1 -> b:2\\R");
    }
}
