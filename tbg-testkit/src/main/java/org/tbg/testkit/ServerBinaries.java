package org.tbg.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Where test servers' programs are: a system property set by scripts/test.sh, or a fallback. */
final class ServerBinaries {
    /** Debian puts daemons such as nats-server in sbin, which a user's PATH may lack. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin");

    private ServerBinaries() {}

    /** The property's value, if set; surefire/failsafe pass an unset one through as the literal "${name}". */
    static Optional<String> property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }

    /** The first executable {@code program} on PATH or in the usual system dirs. */
    static Optional<Path> onPath(String program) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of(path.split(File.pathSeparator)).filter(dir -> !dir.isEmpty()), EXTRA_DIRS.stream())
                .map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
