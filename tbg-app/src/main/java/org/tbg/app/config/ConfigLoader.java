package org.tbg.app.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.encoding.Hex;
import org.tbg.bitcoin.rpc.NodeEndpoint;
import org.tbg.pool.PoolSettings;
import org.tbg.pool.difficulty.VardiffSettings;
import org.tbg.pool.limits.IpRange;
import org.tbg.pool.limits.LimitSettings;

/**
 * Reads a ckpool.conf-format file (JSON with comments) into {@link LoadedConfig}, applying the
 * environment overrides and every rule of spec/config.md. The first bad value stops loading with
 * a {@link ConfigException}; unknown keys are logged, one WARN line each, and otherwise ignored.
 */
public final class ConfigLoader {
    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

    /** Environment variables that win over the file: secrets are often kept out of it. */
    public static final String ENV_BTCD_PASS = "TBG_BTCD_PASS";
    public static final String ENV_REDIS_URL = "REDIS_URL";
    public static final String ENV_DATABASE_URL = "DATABASE_URL";
    public static final String ENV_NATS_URL = "NATS_URL";


    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern ZMQ_ENDPOINT = Pattern.compile("(tcp|ipc)://\\S+");

    // Upper bound of events.queue_size: large enough for any burst, small enough that a typo cannot take the heap.
    private static final int MAX_EVENT_QUEUE = 1 << 24;

    private final SecretUrls urls;

    /** @param env the process environment ({@code System.getenv()}), or a map in tests */
    public ConfigLoader(Map<String, String> env) {
        this.urls = new SecretUrls(Map.copyOf(env));
    }

    public LoadedConfig load(Path file) {
        return load(file, null);
    }

    /**
     * @param logDirOverride {@code --log-dir} from the command line, which wins over {@code logdir}; may be null
     * @throws ConfigException naming the key, the value and what is allowed
     */
    public LoadedConfig load(Path file, Path logDirOverride) {
        ConfigSection top = new ConfigSection("", ConfigFile.read(file, " ({ \"btcd\": [...], ... })"));
        PoolSettings pool = poolSettings(top, logDirOverride);
        TbgConfig tbg = tbgConfig(top, pool.logDir());
        pool = pool.withVardiff(vardiffSettings(tbg.vardiff())).withLimits(limitSettings(tbg.limits()));
        for (String key : top.unknownKeys()) {
            log.warn("config: unknown key {} ignored", key);
        }
        return new LoadedConfig(file, pool, tbg);
    }

    private PoolSettings poolSettings(ConfigSection c, Path logDirOverride) {
        List<NodeEndpoint> nodes = nodes(c);
        String poolAddress = c.string("btcaddress", null, s -> !s.isBlank(), "the pool's own Bitcoin address");
        if (poolAddress == null) {
            throw ConfigException.missing("btcaddress", "the pool's own Bitcoin address");
        }
        String signature = c.string("btcsig", "", s -> true, "a string");
        Duration blockPoll = Duration.ofMillis(
                c.integer("blockpoll", 500, 10, Integer.MAX_VALUE, "an integer >= 10, in milliseconds"));
        String zmqBlock = c.string("zmqblock", null, s -> ZMQ_ENDPOINT.matcher(s).matches(),
                "a ZMQ endpoint such as \"tcp://127.0.0.1:28332\"");
        Duration updateInterval = Duration.ofSeconds(
                c.integer("update_interval", 30, 1, Integer.MAX_VALUE, "an integer >= 1, in seconds"));
        List<InetSocketAddress> listen = listenAddresses(c);

        double minDiff = c.number("mindiff", 1, d -> d > 0, "a number > 0");
        double maxDiff = c.number("maxdiff", 0, d -> d == 0 || d >= minDiff,
                "0 for no maximum, or a number >= mindiff " + ConfigSection.show(minDiff));
        String startRange = maxDiff == 0
                ? "a number >= mindiff " + ConfigSection.show(minDiff)
                : "a number from mindiff " + ConfigSection.show(minDiff) + " to maxdiff " + ConfigSection.show(maxDiff);
        double startDiff = c.number("startdiff", 42, d -> d >= minDiff && (maxDiff == 0 || d <= maxDiff), startRange);

        int nonce1Length = c.integer("nonce1length", 4, 2, 8, "an integer from 2 to 8");
        int nonce2Length = c.integer("nonce2length", 8, 2, 8, "an integer from 2 to 8");
        int versionMask = Integer.parseUnsignedInt(c.string("version_mask", "1fffe000", s -> Hex.isHex(s, 4),
                "8 hex digits, such as \"1fffe000\""), 16);
        int maxClients = c.integer("maxclients", 100_000, 1, Integer.MAX_VALUE, "an integer >= 1");
        double donation = c.number("donation", 0, d -> d >= 0 && d <= 100, "a number from 0 to 100, in percent");

        Path logDir = Path.of(c.string("logdir", "./logs", s -> !s.isBlank(), "a directory path"));
        if (logDirOverride != null) {
            logDir = logDirOverride;
        }
        String poolInstance = c.string("pool_instance", null, s -> !s.isBlank(), "a non-empty name");
        if (poolInstance == null) {
            poolInstance = hostname();
        }
        String region = c.string("tbg_region", "default", s -> REGION.matcher(s).matches(),
                "1 to 64 letters, digits, '-' or '_'");

        Duration rpcTimeout = Duration.ofSeconds(
                c.integer("rpc_timeout", 10, 1, Integer.MAX_VALUE, "an integer >= 1, in seconds"));

        return new PoolSettings(nodes, poolAddress, signature, blockPoll, zmqBlock, updateInterval, listen,
                minDiff, startDiff, maxDiff, nonce1Length, nonce2Length, versionMask, maxClients, donation,
                logDir, poolInstance, region, LimitSettings.DEFAULTS, rpcTimeout, VardiffSettings.DEFAULTS);
    }

    private List<NodeEndpoint> nodes(ConfigSection c) {
        String allowed = "a non-empty list of nodes such as [{\"url\":\"host:port\",\"auth\":\"user\",\"pass\":\"password\"}]";
        List<ConfigSection> entries = c.sections("btcd", allowed);
        if (entries == null) {
            throw ConfigException.missing("btcd", allowed);
        }
        String envPass = urls.value(ENV_BTCD_PASS);
        List<NodeEndpoint> nodes = new ArrayList<>();
        for (ConfigSection entry : entries) {
            String url = entry.string("url", null, s -> true, "host:port or http://host:port");
            if (url == null) {
                throw ConfigException.missing(entry.name("url"), "host:port of the node's JSON-RPC");
            }
            HostPort address = nodeAddress(url);
            if (address == null) {
                throw ConfigException.notAllowed(entry.name("url"), quoted(url), "host:port or http://host:port");
            }
            String user = entry.string("auth", null, s -> true, "a string");
            String pass = entry.secret("pass", s -> true, "a string");
            if (envPass != null) {
                pass = envPass;
            }
            String cookie = entry.string("cookie", null, s -> !s.isBlank(), "the path of the node's .cookie file");
            boolean notify = entry.bool("notify", false);
            if (cookie == null && user == null) {
                throw ConfigException.missing(entry.name("auth"), "the RPC user, unless \"cookie\" is set");
            }
            if (cookie == null && pass == null) {
                throw ConfigException.missing(entry.name("pass"),
                        "the RPC password, or " + ENV_BTCD_PASS + " in the environment, unless \"cookie\" is set");
            }
            NodeEndpoint node = NodeEndpoint.of(address.toString(), user, pass);
            nodes.add(new NodeEndpoint(node.name(), node.url(), node.user(), node.password(),
                    cookie == null ? null : Path.of(cookie), notify));
        }
        return List.copyOf(nodes);
    }

    /** The host:port of a {@code btcd} url, or null when it is not one a URI can carry (e.g. a host with '_'). */
    private static HostPort nodeAddress(String url) {
        String bare = url.startsWith("http://") ? url.substring("http://".length()) : url;
        bare = bare.endsWith("/") ? bare.substring(0, bare.length() - 1) : bare;
        HostPort hostPort = HostPort.parse(bare).orElse(null);
        if (hostPort == null) {
            return null;
        }
        try {
            return NodeEndpoint.of(hostPort.toString(), null, null).url().getHost() == null ? null : hostPort;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<InetSocketAddress> listenAddresses(ConfigSection c) {
        String allowed = "a list of host:port to listen on, such as [\"0.0.0.0:3333\"]";
        List<String> urls = c.strings("serverurl", List.of("0.0.0.0:3333"), allowed);
        List<InetSocketAddress> out = new ArrayList<>();
        for (String url : urls) {
            HostPort hostPort = HostPort.parse(url)
                    .orElseThrow(() -> ConfigException.notAllowed(c.name("serverurl"), quoted(url), allowed));
            InetSocketAddress address = new InetSocketAddress(hostPort.host(), hostPort.port());
            if (address.isUnresolved()) {
                throw ConfigException.notAllowed(c.name("serverurl"), quoted(url), "an address of this machine; the host does not resolve");
            }
            out.add(address);
        }
        return List.copyOf(out);
    }

    private TbgConfig tbgConfig(ConfigSection c, Path logDir) {
        int metricsPort = c.integer("metrics_port", 9100, 0, 65535, "an integer from 1 to 65535, or 0 to disable");
        String redisUrl = urls.get(c, "redis_url", ENV_REDIS_URL, SecretUrls.REDIS_URL, "a redis:// or rediss:// URL");
        String databaseUrl = urls.get(c, "database_url", ENV_DATABASE_URL, SecretUrls.DATABASE_URL, "a postgresql:// URL");
        String socket = c.string("event_socket_path", null, s -> !s.isBlank(), "a Unix socket path");
        return new TbgConfig(metricsPort, redisUrl, databaseUrl, socket == null ? null : Path.of(socket),
                events(c.section("events"), logDir), vardiff(c.section("vardiff")), limits(c.section("limits")),
                multiRegion(c));
    }

    private EventsConfig events(ConfigSection c, Path logDir) {
        String allowed = "[\"all\"] or a list of event names: " + String.join(", ", EventsConfig.KNOWN_TYPES.stream().sorted().toList());
        List<String> types = c.strings("types", List.of(EventsConfig.ALL), allowed);
        for (String type : types) {
            if (!type.equals(EventsConfig.ALL) && !EventsConfig.KNOWN_TYPES.contains(type)) {
                throw ConfigException.notAllowed(c.name("types"), quoted(type), allowed);
            }
        }
        String journalDir = c.string("journal_dir", null, s -> !s.isBlank(), "a directory path");
        String natsUrl = urls.get(c, "nats_url", ENV_NATS_URL, SecretUrls.NATS_URLS,
                "nats:// (or tls://, ws://, wss://) URLs separated by commas");
        int queueSize = c.integer("queue_size", 65_536, 1, MAX_EVENT_QUEUE, "an integer from 1 to " + MAX_EVENT_QUEUE);
        Duration hashrateInterval = Duration.ofSeconds(
                c.integer("hashrate_interval", 60, 1, Integer.MAX_VALUE, "an integer >= 1, in seconds"));
        return new EventsConfig(types, journalDir == null ? logDir.resolve("events") : Path.of(journalDir),
                natsUrl, queueSize, hashrateInterval);
    }

    /** The engine's form of the {@code vardiff} section (already validated key by key). */
    private static VardiffSettings vardiffSettings(VardiffConfig v) {
        return new VardiffSettings(v.targetShareInterval(), v.emaAlpha(), v.deadBandLow(), v.deadBandHigh(),
                v.dampening(), v.cooldown(), v.fastRampThreshold(), v.fastRampMaxJump());
    }

    private static VardiffConfig vardiff(ConfigSection c) {
        double interval = c.number("target_share_interval", 10, d -> d > 0, "a number > 0, in seconds");
        double alpha = c.number("ema_alpha", 0.3, d -> d > 0 && d <= 1, "a number > 0 and <= 1");
        double low = c.number("dead_band_low", 0.8, d -> d > 0 && d <= 1, "a number > 0 and <= 1");
        double high = c.number("dead_band_high", 1.2, d -> d >= 1, "a number >= 1");
        double dampening = c.number("dampening", 0.5, d -> d > 0 && d <= 1, "a number > 0 and <= 1");
        double cooldown = c.number("cooldown", 30, d -> d >= 0, "a number >= 0, in seconds");
        int fastRampThreshold = c.integer("fast_ramp_threshold", 4, 0, Integer.MAX_VALUE, "an integer >= 0");
        double fastRampMaxJump = c.number("fast_ramp_max_jump", 64, d -> d >= 1, "a number >= 1");
        return new VardiffConfig(seconds(interval), alpha, low, high, dampening, seconds(cooldown),
                fastRampThreshold, fastRampMaxJump);
    }

    private static LimitsConfig limits(ConfigSection c) {
        int maxLineBytes = c.integer("max_line_bytes", LimitSettings.DEFAULT_MAX_LINE_BYTES, 256, 1_048_576,
                "an integer from 256 to 1048576");
        Duration authTimeout = Duration.ofSeconds(c.integer("auth_timeout",
                (int) LimitSettings.DEFAULT_AUTH_TIMEOUT.toSeconds(), 1, Integer.MAX_VALUE, "an integer >= 1, in seconds"));
        String count = "an integer >= 0 (0 = no limit)";
        int connPerIpPerMin = c.integer("conn_per_ip_per_min", LimitSettings.DEFAULT_CONNECTIONS_PER_IP_PER_MINUTE,
                0, Integer.MAX_VALUE, count);
        int maxConnPerIp = c.integer("max_conn_per_ip", LimitSettings.DEFAULT_MAX_CONNECTIONS_PER_IP, 0, Integer.MAX_VALUE, count);
        int invalidSharesPerMin = c.integer("invalid_shares_per_min", LimitSettings.DEFAULT_INVALID_SHARES_PER_MINUTE,
                0, Integer.MAX_VALUE, count);
        int banSeconds = c.integer("ban_seconds", (int) LimitSettings.DEFAULT_BAN.toSeconds(), 0, Integer.MAX_VALUE,
                "an integer >= 0, in seconds");
        String ranges = "a list of IP addresses or CIDR blocks, such as [\"10.0.0.0/8\", \"192.0.2.7\"]";
        List<IpRange> exempt = new ArrayList<>();
        for (String text : c.strings("exempt_ips", List.of(), ranges)) {
            try {
                exempt.add(IpRange.parse(text));
            } catch (IllegalArgumentException e) {
                throw ConfigException.notAllowed(c.name("exempt_ips"), quoted(text), ranges);
            }
        }
        return new LimitsConfig(maxLineBytes, authTimeout, connPerIpPerMin, maxConnPerIp, invalidSharesPerMin,
                Duration.ofSeconds(banSeconds), exempt);
    }

    /** The engine's form of the {@code limits} section (already validated key by key). */
    private static LimitSettings limitSettings(LimitsConfig l) {
        return new LimitSettings(l.maxLineBytes(), l.authTimeout(), l.connPerIpPerMin(), l.maxConnPerIp(),
                l.invalidSharesPerMin(), l.banDuration(), l.exemptIps());
    }

    private static MultiRegionConfig multiRegion(ConfigSection c) {
        String modeName = c.string("tbg_mode", "standalone", s -> parseMode(s) != null,
                "\"standalone\", \"primary\" or \"relay\"");
        MultiRegionConfig.Mode mode = parseMode(modeName);
        String primaryUrl = c.string("tbg_primary_url", null, s -> HostPort.parse(s).isPresent(), "host:port of the primary's relay link");
        if (mode == MultiRegionConfig.Mode.RELAY && primaryUrl == null) {
            throw ConfigException.missing(c.name("tbg_primary_url"), "host:port of the primary, when tbg_mode is \"relay\"");
        }
        int relayPort = c.integer("tbg_relay_port", 8881, 1, 65535, "an integer from 1 to 65535");
        int failoverTimeout = c.integer("tbg_failover_timeout", 10, 1, Integer.MAX_VALUE, "an integer >= 1, in seconds");
        return new MultiRegionConfig(mode, primaryUrl == null ? null : HostPort.parse(primaryUrl).orElseThrow(),
                relayPort, Duration.ofSeconds(failoverTimeout));
    }

    private static MultiRegionConfig.Mode parseMode(String name) {
        for (MultiRegionConfig.Mode mode : MultiRegionConfig.Mode.values()) {
            if (mode.name().toLowerCase(Locale.ROOT).equals(name)) {
                return mode;
            }
        }
        return null;
    }

    /** A URL that may carry credentials: the environment wins, and neither value is ever shown in a message. */
    private String hostname() {
        String fromEnv = urls.value("HOSTNAME");
        if (fromEnv != null) {
            return fromEnv;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    private static String quoted(String s) {
        return ConfigFile.JSON.getNodeFactory().textNode(s).toString();
    }
}
