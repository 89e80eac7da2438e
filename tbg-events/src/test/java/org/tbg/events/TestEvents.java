package org.tbg.events;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Well-formed events for tests: share_submitted with every required field. */
public final class TestEvents {
    private final EventFactory factory;

    public TestEvents() {
        this(Clock.systemUTC());
    }

    public TestEvents(Clock clock) {
        this.factory = new EventFactory(EventIdentity.hosted("eu", "eu-1"), clock);
    }

    /** A share from {@code worker}; {@code n} goes into client_id so a test can tell events apart. */
    public Event share(String worker, long n) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq");
        data.put("worker", worker);
        data.put("client_id", n);
        data.put("job_id", "66f1a2b300000007");
        data.put("diff", 2.5);
        data.put("sdiff", 1.0);
        data.put("accepted", true);
        data.put("reject_reason", null);
        data.put("ip", "203.0.113.7");
        data.put("is_block", false);
        return factory.create(EventType.SHARE_SUBMITTED, data);
    }

    public Event share(long n) {
        return share("bitaxe-01", n);
    }

    public Event of(EventType type, Map<String, Object> data) {
        return factory.create(type, data);
    }
}
