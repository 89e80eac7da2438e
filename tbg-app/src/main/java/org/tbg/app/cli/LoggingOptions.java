package org.tbg.app.cli;

import ch.qos.logback.classic.Level;
import picocli.CommandLine.Option;

/** The {@code -l LEVEL} option every long-running command shares. */
public final class LoggingOptions {

    @Option(names = {"-l", "--log-level"}, paramLabel = "LEVEL", converter = LogLevelConverter.class,
            description = "error, warn, info (default), debug, trace; or ckpool's numbers: 3 error, 4 warn, 6 info, 7 debug")
    Level level;

    /** Sets the root level when the option was given; call before anything worth logging happens. */
    void apply() {
        if (level != null) {
            LogSetup.rootLevel(level);
        }
    }
}
