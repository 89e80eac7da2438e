package org.tbg.app.loadtest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This machine's limits on the connections one generator process can open, checked before a run
 * so that a run past them says why up front instead of ending in a heap of "Too many open files"
 * or "Cannot assign requested address" connect errors. Warnings only: the run still goes ahead,
 * and its report counts what failed.
 */
final class LoadCapacity {
    /** Linux's default {@code ip_local_port_range}, 32768-60999. */
    static final int DEFAULT_EPHEMERAL_PORTS = 28_232;
    /** Descriptors the JVM and Netty hold besides the connections: jars, epoll, wake-up pipes, logs. */
    static final int SPARE_FILES = 64;
    private static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private LoadCapacity() {}

    /**
     * @param maxOpenFiles   this process's open-file limit, or a negative number when unknown
     * @param ephemeralPorts ports the system gives out per source address
     */
    static List<String> warnings(LoadPlan plan, long maxOpenFiles, int ephemeralPorts) {
        List<String> out = new ArrayList<>();
        int miners = plan.profile().miners();
        if (maxOpenFiles >= 0 && miners + SPARE_FILES > maxOpenFiles) {
            out.add(miners + " miners need about " + (miners + SPARE_FILES) + " open files but this process may open "
                    + maxOpenFiles + " (ulimit -n): connections past that will fail; raise the limit or split the load "
                    + "over several processes");
        }
        int sources = Math.max(1, plan.sourceAddresses().size());
        long perSource = (miners + sources - 1L) / sources;
        if (perSource > ephemeralPorts) {
            out.add(perSource + " connections per source address but only " + ephemeralPorts + " ephemeral ports: spread them "
                    + "with --source-addresses (e.g. 127.0.0.2-127.0.0." + (1 + (miners + ephemeralPorts - 1) / ephemeralPorts)
                    + " for a loopback pool)");
        }
        return out;
    }

    /** The open-file limit of this process, or -1 when the platform does not say. */
    static long maxOpenFiles() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }

    /** Ephemeral ports per source address from the kernel's range, or the Linux default when it cannot be read. */
    static int ephemeralPorts() {
        try {
            String[] range = Files.readString(PORT_RANGE).trim().split("\\s+");
            return Integer.parseInt(range[1]) - Integer.parseInt(range[0]) + 1;
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_PORTS;
        }
    }
}
