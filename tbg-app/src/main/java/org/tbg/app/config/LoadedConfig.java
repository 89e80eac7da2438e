package org.tbg.app.config;

import java.nio.file.Path;
import org.tbg.pool.PoolSettings;

/**
 * A config file after validation: what the engine needs now, and the rest for the parts that
 * come later (metrics, events, multi-region).
 *
 * @param source the file it was read from
 * @param pool   the engine's settings
 * @param tbg    everything else the file may say
 */
public record LoadedConfig(Path source, PoolSettings pool, TbgConfig tbg) {
}
