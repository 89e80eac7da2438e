package org.tbg.events.nats;

import java.util.regex.Pattern;

/** Server URLs and messages that may carry {@code user:password@}, made fit for a log line. */
final class LoggableUrls {
    private static final Pattern USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private LoggableUrls() {
    }

    /** {@code nats://alice:secret@host:4222} becomes {@code nats://***@host:4222}; null stays null. */
    static String redact(String text) {
        return text == null ? null : USER_INFO.matcher(text).replaceAll("***@");
    }
}
