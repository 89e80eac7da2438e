package org.tbg.app.cli;

import ch.qos.logback.classic.Level;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code -l LEVEL}: a level name, or one of ckpool's syslog numbers (its {@code -l 7} is in the
 * runbooks): 0–3 error, 4 warning, 5 notice and 6 info, 7 debug.
 */
public final class LogLevelConverter implements ITypeConverter<Level> {

    @Override
    public Level convert(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "0": case "1": case "2": case "3": case "error":
                return Level.ERROR;
            case "4": case "warn": case "warning":
                return Level.WARN;
            case "5": case "6": case "notice": case "info":
                return Level.INFO;
            case "7": case "debug":
                return Level.DEBUG;
            case "trace":
                return Level.TRACE;
            default:
                throw new TypeConversionException(
                        "'" + value + "' is not a log level (error, warn, info, debug, trace, or a number from 0 to 7)");
        }
    }
}
