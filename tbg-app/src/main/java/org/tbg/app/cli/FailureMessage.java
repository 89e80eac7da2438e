package org.tbg.app.cli;

import java.util.ArrayList;
import java.util.List;

/** One line for the operator out of an exception chain: each distinct message, outermost first. */
final class FailureMessage {
    private FailureMessage() {}

    static String of(Throwable failure) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = failure; t != null && parts.size() < 5; t = t.getCause()) {
            String message = t.getMessage() == null || t.getMessage().isBlank()
                    ? t.getClass().getSimpleName()
                    : t.getMessage().strip();
            if (parts.stream().noneMatch(p -> p.contains(message))) {
                parts.add(message);
            }
        }
        return String.join(": ", parts).replace('\n', ' ');
    }
}
