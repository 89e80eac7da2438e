package org.tbg.testkit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs the clean-up of every test server not yet closed when the JVM exits, so an aborted test run
 * (a timeout, Ctrl-C) leaves no server process or temp directory behind. One hook for all servers.
 */
final class ShutdownReaper {
    /** Owner (a server object, by identity) to its clean-up; the clean-up must not take the owner's lock. */
    private static final Map<Object, Runnable> CLEANUPS = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownReaper::reapAll, "tbg-test-server-reaper"));
    }

    private ShutdownReaper() {}

    static void register(Object owner, Runnable cleanup) {
        CLEANUPS.put(owner, cleanup);
    }

    static void unregister(Object owner) {
        CLEANUPS.remove(owner);
    }

    private static void reapAll() {
        CLEANUPS.values().forEach(cleanup -> {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                // keep reaping the others; the JVM is going away anyway
            }
        });
    }
}
