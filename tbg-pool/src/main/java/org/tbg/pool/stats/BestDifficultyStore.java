package org.tbg.pool.stats;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.pool.session.WorkerName;

/**
 * Keeps the weekly and all-time records of a {@link BestDifficultyTracker} in
 * {@code <logdir>/best-difficulty.json}, so that a restart forgets no record.
 *
 * <p>{@link #open} loads the file into the tracker (a missing file means no records yet; an
 * unparsable one is moved aside to {@code best-difficulty.json.corrupt-<time>} and the pool starts
 * without records), then saves every {@code saveInterval} when a record changed, and once more on
 * {@link #close}. A save writes a temporary file, forces it to disk and renames it over the old one,
 * so the file on disk is always a whole, earlier or later, version.
 *
 * <p>Thread rule: saves run on the store's own thread (or the closing thread), never on the share
 * path; they read the tracker's thread-safe maps while shares keep coming, and a record raised during
 * a save is written by the next one.
 */
public final class BestDifficultyStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BestDifficultyStore.class);

    public static final String FILE_NAME = "best-difficulty.json";
    /** How much record progress a crash can lose from the file (the share_best_diff events still carry it). */
    public static final Duration DEFAULT_SAVE_INTERVAL = Duration.ofSeconds(30);
    /** How long {@link #close} waits for a save in progress before writing the final one. */
    private static final long CLOSE_WAIT_SECONDS = 30;
    private static final DateTimeFormatter ASIDE_STAMP =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES) // a later version may add fields
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET); // the channel must stay open to be forced

    private final Path dir;
    private final Path file;
    private final Path temp;
    private final BestDifficultyTracker tracker;
    private final LongSupplier clock;
    private final ScheduledExecutorService saver;
    /** The tracker's change count the file reflects; guarded by this. */
    private long savedChanges;
    private boolean closed;

    private BestDifficultyStore(Path dir, BestDifficultyTracker tracker, LongSupplier clock) {
        this.dir = dir;
        this.file = dir.resolve(FILE_NAME);
        this.temp = dir.resolve(FILE_NAME + ".tmp");
        this.tracker = tracker;
        this.clock = clock;
        this.saver = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "best-difficulty-store");
            t.setDaemon(true);
            return t;
        });
    }

    /** Loads the records into {@code tracker} and starts saving every {@link #DEFAULT_SAVE_INTERVAL}. */
    public static BestDifficultyStore open(Path logDir, BestDifficultyTracker tracker) throws IOException {
        return open(logDir, tracker, DEFAULT_SAVE_INTERVAL, System::currentTimeMillis);
    }

    /**
     * Loads the records into {@code tracker} (call before shares flow) and starts saving every
     * {@code saveInterval}.
     *
     * @throws IOException when {@code logDir} cannot be created or the file exists but cannot be
     *                     read or moved aside (a file system problem the operator must fix)
     */
    public static BestDifficultyStore open(Path logDir, BestDifficultyTracker tracker, Duration saveInterval)
            throws IOException {
        return open(logDir, tracker, saveInterval, System::currentTimeMillis);
    }

    static BestDifficultyStore open(Path logDir, BestDifficultyTracker tracker, Duration saveInterval,
                                    LongSupplier clock) throws IOException {
        Files.createDirectories(logDir);
        BestDifficultyStore store = new BestDifficultyStore(logDir, tracker, clock);
        store.load();
        long every = saveInterval.toMillis();
        store.saver.scheduleWithFixedDelay(store::savePeriodically, every, every, TimeUnit.MILLISECONDS);
        return store;
    }

    public Path file() {
        return file;
    }

    /**
     * Writes the records now when one changed since the last write.
     *
     * @return whether the file was written
     */
    public synchronized boolean saveIfChanged() throws IOException {
        long changes = tracker.changeCount(); // read first: a change during the write is saved next time
        if (changes == savedChanges) {
            return false;
        }
        write(snapshot(clock.getAsLong()));
        savedChanges = changes;
        return true;
    }

    /** Stops the periodic saves and writes the records one last time. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        saver.shutdown();
        try {
            if (!saver.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("best-difficulty save still running after {} s at shutdown", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            saveIfChanged();
        } catch (IOException | RuntimeException e) {
            log.error("could not save best-difficulty records to {} at shutdown: {}", file, e.toString());
        }
    }

    private void savePeriodically() {
        try {
            saveIfChanged();
        } catch (IOException | RuntimeException e) {
            // caught so the schedule survives; the next period tries again
            log.warn("could not save best-difficulty records to {}: {}", file, e.toString());
        }
    }

    // ---- load -----------------------------------------------------------------------------

    private void load() throws IOException {
        Files.deleteIfExists(temp); // a save cut short by a crash; the file itself is whole
        if (!Files.exists(file)) {
            log.info("no best-difficulty records at {}: starting without records", file);
            return;
        }
        BestDifficultyFile content;
        String problem;
        try {
            content = JSON.readValue(file.toFile(), BestDifficultyFile.class);
            problem = content == null ? "empty document" : content.problem();
        } catch (JsonProcessingException e) {
            content = null;
            problem = e.getOriginalMessage();
        }
        if (problem != null) {
            Path aside = moveAside();
            log.warn("best-difficulty records at {} are unreadable ({}): moved to {}, starting without records",
                    file, problem, aside);
            return;
        }
        for (BestDifficultyFile.WorkerEntry e : content.workers()) {
            tracker.restoreWorker(new WorkerName(e.user(), e.worker()), e.weekly(), e.allTime());
        }
        for (BestDifficultyFile.UserEntry e : content.users()) {
            tracker.restoreUser(e.user(), e.weekly(), e.allTime());
        }
        synchronized (this) {
            savedChanges = tracker.changeCount();
        }
        log.info("loaded best-difficulty records of {} workers and {} users from {}",
                content.workers().size(), content.users().size(), file);
    }

    private Path moveAside() throws IOException {
        String base = FILE_NAME + ".corrupt-" + ASIDE_STAMP.format(Instant.ofEpochMilli(clock.getAsLong()));
        for (int n = 0; ; n++) {
            Path aside = dir.resolve(n == 0 ? base : base + "-" + n);
            try {
                return Files.move(file, aside);
            } catch (FileAlreadyExistsException e) {
                // two bad files within a second: try the next name
            }
        }
    }

    // ---- save -----------------------------------------------------------------------------

    private BestDifficultyFile snapshot(long nowMillis) {
        List<BestDifficultyFile.WorkerEntry> workers = new ArrayList<>(tracker.workerCount());
        tracker.forEachWorker((name, bests) -> {
            PersonalBest weekly = bests.weekly(nowMillis);
            PersonalBest allTime = higher(bests.allTime(), weekly);
            if (allTime != null) {
                workers.add(new BestDifficultyFile.WorkerEntry(name.address(), name.worker(), weekly, allTime));
            }
        });
        List<BestDifficultyFile.UserEntry> users = new ArrayList<>(tracker.userCount());
        tracker.forEachUser((address, bests) -> {
            PersonalBest weekly = bests.weekly(nowMillis);
            PersonalBest allTime = higher(bests.allTime(), weekly);
            if (allTime != null) {
                users.add(new BestDifficultyFile.UserEntry(address, weekly, allTime));
            }
        });
        return new BestDifficultyFile(BestDifficultyFile.FORMAT, nowMillis, workers, users);
    }

    /**
     * The all-time best to write: a share between the two reads may have raised the weekly record
     * but not yet the all-time one, and a weekly best is an all-time best too.
     */
    private static PersonalBest higher(PersonalBest allTime, PersonalBest weekly) {
        if (allTime == null || (weekly != null && weekly.difficulty() > allTime.difficulty())) {
            return weekly;
        }
        return allTime;
    }

    private void write(BestDifficultyFile content) throws IOException {
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
            JSON.writeValue(out, content);
            out.flush();
            ch.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory();
    }

    /** Makes the rename itself durable; not every platform can open a directory, and that is fine. */
    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("cannot force directory {}: {}", dir, e.toString());
        }
    }
}
