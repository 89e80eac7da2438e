package org.tbg.collector;

import java.util.ArrayList;
import java.util.List;

/** One line for the operator out of an exception chain: each distinct message, outermost first. */
public final class Failures {
    private static final int MAX_CAUSES = 4;

    private Failures() {
    }

    public static String oneLine(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < MAX_CAUSES; t = t.getCause()) {
            String message = t.getMessage() == null || t.getMessage().isBlank()
                    ? t.getClass().getSimpleName()
                    : t.getMessage().strip();
            if (parts.stream().noneMatch(p -> p.contains(message))) {
                parts.add(message);
            }
        }
        // some libraries (Flyway) format messages over several lines with rulers: one line, no rulers
        return String.join(": ", parts).replaceAll("-{4,}", " ").replaceAll("\\s+", " ").strip();
    }
}
