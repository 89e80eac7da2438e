package org.tbg.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Logging set at run time, from the command line and the config: logback.xml has only the console,
 * because the log directory is known once the config is read.
 */
public final class LogSetup {
    /** Defined in logback.xml so the console and the files look the same. */
    private static final String PATTERN_PROPERTY = "tbg.log.pattern";
    private static final String FALLBACK_PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";
    /** Days of rolled files kept: long enough to look back over an incident, bounded so the disk does not fill. */
    private static final int KEEP_DAYS = 14;

    private LogSetup() {}

    public static void rootLevel(Level level) {
        root().setLevel(level);
    }

    /**
     * Adds {@code dir/tbg.log}, rolled daily into {@code tbg-DATE.log.gz}, next to the console.
     * The directory must exist. Returns the appender so a caller (a test) can detach it.
     */
    public static RollingFileAppender<ILoggingEvent> writeFilesUnder(Path dir) {
        LoggerContext context = root().getLoggerContext();
        String pattern = context.getProperty(PATTERN_PROPERTY);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern == null ? FALLBACK_PATTERN : pattern);
        encoder.start();

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(dir.resolve("tbg.log").toString());
        appender.setEncoder(encoder);

        TimeBasedRollingPolicy<ILoggingEvent> rolling = new TimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(dir.resolve("tbg-%d{yyyy-MM-dd}.log.gz").toString());
        rolling.setMaxHistory(KEEP_DAYS);
        rolling.start();

        appender.setRollingPolicy(rolling);
        appender.start();
        root().addAppender(appender);
        return appender;
    }

    static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }
}
