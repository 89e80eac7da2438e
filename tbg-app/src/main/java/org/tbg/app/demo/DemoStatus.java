package org.tbg.app.demo;

import java.util.Locale;
import org.tbg.pool.PoolHealth;
import org.tbg.pool.PoolStats;

/**
 * The demo's one-line status: height, miners, pool-side hashrate (from accepted difficulty),
 * shares and blocks. Not thread-safe: one caller, on the status thread.
 */
public final class DemoStatus {
    private double lastDiffSum;
    private long lastNanos = System.nanoTime();
    private double hashrate;

    public String line(PoolStats stats, PoolHealth health) {
        long now = System.nanoTime();
        double diff = stats.acceptedDifficultySum();
        double seconds = (now - lastNanos) / 1e9;
        if (seconds > 0) {
            double sample = (diff - lastDiffSum) * 4294967296.0 / seconds;
            // Smooth over the last few ticks: shares arrive every few seconds, not continuously.
            hashrate = hashrate == 0 ? sample : 0.7 * hashrate + 0.3 * sample;
        }
        lastDiffSum = diff;
        lastNanos = now;
        return String.format(Locale.ROOT,
                "height %d | miners %d | hashrate %s | shares %d ok, %d rejected | blocks %d found, %d accepted",
                health.blockHeight(), health.connectedMiners(), human(hashrate), stats.sharesAccepted(),
                stats.sharesRejected(), stats.blocksFound(), stats.blocksAccepted());
    }

    public static String human(double hps) {
        String[] units = {"H/s", "kH/s", "MH/s", "GH/s", "TH/s", "PH/s"};
        int u = 0;
        while (hps >= 1000 && u < units.length - 1) {
            hps /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f %s", hps, units[u]);
    }
}
