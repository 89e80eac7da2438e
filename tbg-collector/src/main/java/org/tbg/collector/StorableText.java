package org.tbg.collector;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tbg.events.Event;

/**
 * Makes an event's text storable everywhere: PostgreSQL text and jsonb cannot hold U+0000, and a
 * lone UTF-16 surrogate (a valid {@code \ud800} escape in JSON) cannot be encoded as UTF-8. Both
 * come only from what miners typed (worker names) and are replaced with U+FFFD, so such an event
 * is stored, slightly altered, instead of failing its whole batch forever.
 */
public final class StorableText {
    public static final char REPLACEMENT = '\uFFFD';

    private StorableText() {
    }

    /** The event itself when all its text is storable (the usual case), else a cleaned copy. */
    public static Event clean(Event e) {
        boolean dirty = !isClean(e.source()) || !isClean(e.region()) || !isClean(e.poolInstance());
        for (Map.Entry<String, Object> f : e.data().entrySet()) {
            dirty |= !isClean(f.getKey()) || (f.getValue() instanceof String s && !isClean(s));
        }
        if (!dirty) {
            return e;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        for (Map.Entry<String, Object> f : e.data().entrySet()) {
            Object v = f.getValue();
            data.put(clean(f.getKey()), v instanceof String s ? clean(s) : v);
        }
        return new Event(e.eventId(), e.type(), e.tsMicros(), e.seq(), clean(e.source()), clean(e.region()),
                clean(e.poolInstance()), data);
    }

    public static boolean isClean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                return false;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    public static String clean(String s) {
        if (isClean(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 0) {
                out.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
