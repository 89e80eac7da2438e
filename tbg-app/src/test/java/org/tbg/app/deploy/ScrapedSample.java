package org.tbg.app.deploy;

import java.util.Map;

/** One sample line of a Prometheus text exposition: {@code name{labels} value}. */
record ScrapedSample(String name, Map<String, String> labels, double value) {

    ScrapedSample {
        labels = Map.copyOf(labels);
    }
}
