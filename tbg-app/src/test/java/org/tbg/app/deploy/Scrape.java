package org.tbg.app.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The samples of one {@code /metrics} answer in the Prometheus text format (version 0.0.4), with
 * lookups by series. Comment lines ({@code # HELP}, {@code # TYPE}) are skipped: a name counts as
 * exported only when a sample carries it, which is what a PromQL selector can match.
 */
final class Scrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<ScrapedSample> samples;

    private Scrape(List<ScrapedSample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** GETs {@code url} and parses it; fails unless the answer is 200. */
    static Scrape get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + url + ": HTTP " + r.statusCode());
        }
        return parse(r.body());
    }

    static Scrape parse(String text) {
        List<ScrapedSample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(sample(line));
            }
        }
        return new Scrape(out);
    }

    List<ScrapedSample> samples() {
        return samples;
    }

    /** Every sample name (series names: {@code _total}, {@code _bucket}, {@code _count} … as written). */
    Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The value of the one series named {@code name} whose labels are exactly {@code labels}. */
    double value(String name, Map<String, String> labels) {
        List<ScrapedSample> hits = samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).toList();
        if (hits.size() != 1) {
            throw new AssertionError("expected one series " + name + labels + ", found " + hits.size()
                    + "; series of that name: " + samples.stream().filter(s -> s.name().equals(name)).toList());
        }
        return hits.get(0).value();
    }

    double value(String name) {
        return value(name, Map.of());
    }

    /** The label sets of every series named {@code name}. */
    List<Map<String, String>> labelSets(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).map(ScrapedSample::labels).toList();
    }

    /** {@code name{l1="v1",…} value [timestamp]}, label values with the format's escapes. */
    private static ScrapedSample sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String label = line.substring(i, eq).trim();
                i = eq + 1;
                if (line.charAt(i) != '"') {
                    throw new IllegalArgumentException("label value not quoted: " + line);
                }
                StringBuilder v = new StringBuilder();
                for (i++; line.charAt(i) != '"'; i++) {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char e = line.charAt(++i);
                        v.append(e == 'n' ? '\n' : e);
                    } else {
                        v.append(c);
                    }
                }
                labels.put(label, v.toString());
                i++;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        String[] rest = line.substring(i).trim().split(" ");
        return new ScrapedSample(name, labels, parseValue(rest[0]));
    }

    private static double parseValue(String v) {
        return switch (v) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(v);
        };
    }
}
