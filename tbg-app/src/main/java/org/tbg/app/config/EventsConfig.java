package org.tbg.app.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The {@code events} object: which events are emitted and where they go. The file journal is
 * always on: it is the replay source.
 *
 * @param types            {@code types}: {@code ["all"]} or event names from {@link #KNOWN_TYPES}
 * @param journalDir       {@code journal_dir} (default {@code <logdir>/events})
 * @param natsUrl          {@code nats_url} or {@code NATS_URL}; null = no NATS sink
 * @param queueSize        {@code queue_size}: capacity of the bounded event queue
 * @param hashrateInterval {@code hashrate_interval}: period of {@code hashrate_update} events
 */
public record EventsConfig(
        List<String> types,
        Path journalDir,
        String natsUrl,
        int queueSize,
        Duration hashrateInterval) {

    public static final String ALL = "all";

    /** The event names of spec/events.md; the events module will own this list once it exists. */
    public static final Set<String> KNOWN_TYPES = Set.of(
            "miner_connected", "miner_disconnected", "share_submitted", "share_best_diff",
            "block_found", "new_block_network", "diff_updated", "hashrate_update",
            "asicboost_detected");
}
