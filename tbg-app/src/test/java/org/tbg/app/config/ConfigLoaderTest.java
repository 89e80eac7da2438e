package org.tbg.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;
import org.tbg.bitcoin.rpc.NodeEndpoint;
import org.tbg.pool.PoolSettings;
import org.tbg.pool.difficulty.VardiffSettings;
import org.tbg.pool.limits.IpRange;
import org.tbg.pool.limits.LimitSettings;

class ConfigLoaderTest {
    private static final String NODE = "\"btcd\": [{\"url\": \"127.0.0.1:18443\", \"auth\": \"u\", \"pass\": \"p\"}]";
    private static final String ADDRESS = "\"btcaddress\": \"bcrt1qexample\"";
    private static final Map<String, String> HOST_ONLY = Map.of("HOSTNAME", "eu-1");

    @TempDir
    Path dir;

    @Test
    void runbookRegionConfigWithCommentsLoadsAsWritten() throws IOException {
        LoadedConfig config = new ConfigLoader(HOST_ONLY).load(resource("ckpool-eu.conf"));

        List<NodeEndpoint> nodes = List.of(
                new NodeEndpoint("bitcoin-eu:38332", URI.create("http://bitcoin-eu:38332/"), "tbg", "file-password", null, false),
                new NodeEndpoint("10.0.0.7:38332", URI.create("http://10.0.0.7:38332/"), "tbg", "file-password", null, true));
        PoolSettings expected = new PoolSettings(
                nodes,
                "bc1q8p0cpy5q4fefkc8tptt6wr77z6luztrgjf7cls",
                "/TBG-EU/",
                Duration.ofMillis(500),
                null,
                Duration.ofSeconds(30),
                List.of(new InetSocketAddress("0.0.0.0", 3333)),
                1, 1, 0,
                4, 8,
                0x1fffe000,
                100_000,
                0,
                Path.of("/var/log/ckpool"),
                "eu-1",
                "default",
                LimitSettings.DEFAULTS,
                Duration.ofSeconds(10),
                VardiffSettings.DEFAULTS);
        assertThat(config.pool()).isEqualTo(expected);
        assertThat(config.tbg().events().journalDir()).isEqualTo(Path.of("/var/log/ckpool/events"));
    }

    @Test
    void absentKeysTakeTheDefaultsOfTheSpecTable() throws IOException {
        LoadedConfig config = load("{" + NODE + ", " + ADDRESS + "}", HOST_ONLY);

        PoolSettings pool = config.pool();
        assertThat(pool.poolSignature()).isEmpty();
        assertThat(pool.blockPoll()).isEqualTo(Duration.ofMillis(500));
        assertThat(pool.zmqBlock()).isNull();
        assertThat(pool.updateInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(pool.listen()).containsExactly(new InetSocketAddress("0.0.0.0", 3333));
        assertThat(pool.minDiff()).isEqualTo(1);
        assertThat(pool.startDiff()).isEqualTo(42);
        assertThat(pool.maxDiff()).isEqualTo(0);
        assertThat(pool.nonce1Length()).isEqualTo(4);
        assertThat(pool.nonce2Length()).isEqualTo(8);
        assertThat(pool.versionMask()).isEqualTo(0x1fffe000);
        assertThat(pool.maxClients()).isEqualTo(100_000);
        assertThat(pool.donationPercent()).isEqualTo(0);
        assertThat(pool.logDir()).isEqualTo(Path.of("./logs"));
        assertThat(pool.poolInstance()).isEqualTo("eu-1");
        assertThat(pool.region()).isEqualTo("default");
        assertThat(pool.limits()).isEqualTo(new LimitSettings(4096, Duration.ofSeconds(60), 60, 256, 600,
                Duration.ofSeconds(300), List.of()));
        assertThat(pool.rpcTimeout()).isEqualTo(Duration.ofSeconds(10));

        TbgConfig tbg = config.tbg();
        assertThat(tbg.metricsPort()).isEqualTo(9100);
        assertThat(tbg.redisUrl()).isNull();
        assertThat(tbg.databaseUrl()).isNull();
        assertThat(tbg.eventSocketPath()).isNull();
        assertThat(tbg.events()).isEqualTo(new EventsConfig(List.of("all"), Path.of("./logs/events"), null, 65_536,
                Duration.ofSeconds(60)));
        assertThat(tbg.vardiff()).isEqualTo(new VardiffConfig(Duration.ofSeconds(10), 0.3, 0.8, 1.2, 0.5,
                Duration.ofSeconds(30), 4, 64));
        assertThat(tbg.limits()).isEqualTo(new LimitsConfig(4096, Duration.ofSeconds(60), 60, 256, 600,
                Duration.ofSeconds(300), List.of()));
        assertThat(tbg.multiRegion()).isEqualTo(new MultiRegionConfig(MultiRegionConfig.Mode.STANDALONE, null, 8881,
                Duration.ofSeconds(10)));
    }

    @Test
    void everyKeyOfTheSpecIsRead() throws IOException {
        String text = """
                {
                  "btcd": [{"url": "[::1]:18443", "cookie": "/var/lib/bitcoind/regtest/.cookie", "notify": true}],
                  "btcaddress": "bcrt1qexample",
                  "btcsig": "/solo/",
                  "blockpoll": 250,
                  "zmqblock": "tcp://127.0.0.1:28332",
                  "update_interval": 15,
                  "serverurl": "127.0.0.1:3334",
                  "mindiff": 0.001, "startdiff": 0.5, "maxdiff": 1000,
                  "nonce1length": 2, "nonce2length": 6,
                  "version_mask": "1FFFE000",
                  "maxclients": 50,
                  "donation": 1.5,
                  "logdir": "/srv/tbg",
                  "pool_instance": "eu-2",
                  "tbg_region": "eu",
                  "rpc_timeout": 3,
                  "metrics_port": 0,
                  "redis_url": "redis://cache:6379/0",
                  "database_url": "postgresql://db/tbg",
                  "event_socket_path": "/tmp/ckpool/events.sock",
                  "events": {"types": ["share_submitted", "block_found"], "journal_dir": "/srv/journal",
                             "nats_url": "nats://a:4222,nats://b:4222", "queue_size": 1024, "hashrate_interval": 30},
                  "vardiff": {"target_share_interval": 5, "ema_alpha": 0.5, "dead_band_low": 0.7, "dead_band_high": 1.5,
                              "dampening": 0.25, "cooldown": 12.5, "fast_ramp_threshold": 2, "fast_ramp_max_jump": 16},
                  "limits": {"max_line_bytes": 8192, "conn_per_ip_per_min": 30, "max_conn_per_ip": 100,
                             "auth_timeout": 20, "invalid_shares_per_min": 120, "ban_seconds": 60,
                             "exempt_ips": ["10.0.0.0/8", "2001:db8::/32", "192.0.2.7"]},
                  "tbg_mode": "relay", "tbg_primary_url": "stratum-eu.example:8881",
                  "tbg_relay_port": 9881, "tbg_failover_timeout": 5
                }
                """;
        ListAppender<ILoggingEvent> warnings = captureWarnings();
        LoadedConfig config;
        try {
            config = load(text, Map.of());
        } finally {
            release(warnings);
        }

        assertThat(warnings.list).as("no key of the spec is unknown").isEmpty();
        PoolSettings pool = config.pool();
        assertThat(pool.nodes()).containsExactly(new NodeEndpoint("[::1]:18443", URI.create("http://[::1]:18443/"),
                null, null, Path.of("/var/lib/bitcoind/regtest/.cookie"), true));
        assertThat(pool.poolSignature()).isEqualTo("/solo/");
        assertThat(pool.blockPoll()).isEqualTo(Duration.ofMillis(250));
        assertThat(pool.zmqBlock()).isEqualTo("tcp://127.0.0.1:28332");
        assertThat(pool.updateInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(pool.listen()).containsExactly(new InetSocketAddress("127.0.0.1", 3334));
        assertThat(pool.minDiff()).isEqualTo(0.001);
        assertThat(pool.startDiff()).isEqualTo(0.5);
        assertThat(pool.maxDiff()).isEqualTo(1000);
        assertThat(pool.nonce1Length()).isEqualTo(2);
        assertThat(pool.nonce2Length()).isEqualTo(6);
        assertThat(pool.versionMask()).isEqualTo(0x1fffe000);
        assertThat(pool.maxClients()).isEqualTo(50);
        assertThat(pool.donationPercent()).isEqualTo(1.5);
        assertThat(pool.logDir()).isEqualTo(Path.of("/srv/tbg"));
        assertThat(pool.poolInstance()).isEqualTo("eu-2");
        assertThat(pool.region()).isEqualTo("eu");
        List<IpRange> exempt = List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("2001:db8::/32"), IpRange.parse("192.0.2.7/32"));
        assertThat(pool.limits()).isEqualTo(new LimitSettings(8192, Duration.ofSeconds(20), 30, 100, 120,
                Duration.ofSeconds(60), exempt));
        assertThat(pool.rpcTimeout()).isEqualTo(Duration.ofSeconds(3));

        assertThat(config.tbg()).isEqualTo(new TbgConfig(
                0,
                "redis://cache:6379/0",
                "postgresql://db/tbg",
                Path.of("/tmp/ckpool/events.sock"),
                new EventsConfig(List.of("share_submitted", "block_found"), Path.of("/srv/journal"),
                        "nats://a:4222,nats://b:4222", 1024, Duration.ofSeconds(30)),
                new VardiffConfig(Duration.ofSeconds(5), 0.5, 0.7, 1.5, 0.25, Duration.ofMillis(12_500), 2, 16),
                new LimitsConfig(8192, Duration.ofSeconds(20), 30, 100, 120, Duration.ofSeconds(60), exempt),
                new MultiRegionConfig(MultiRegionConfig.Mode.RELAY, new HostPort("stratum-eu.example", 8881), 9881,
                        Duration.ofSeconds(5))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            "nonce1length": 12                     | config: nonce1length = 12 is not allowed (an integer from 2 to 8)
            "nonce1length": 1                      | config: nonce1length = 1 is not allowed (an integer from 2 to 8)
            "nonce2length": 9                      | config: nonce2length = 9 is not allowed (an integer from 2 to 8)
            "nonce2length": 4.5                    | config: nonce2length = 4.5 is not allowed (an integer from 2 to 8)
            "mindiff": 0                           | config: mindiff = 0 is not allowed (a number > 0)
            "mindiff": -1                          | config: mindiff = -1 is not allowed (a number > 0)
            "startdiff": 0                         | config: startdiff = 0 is not allowed (a number >= mindiff 1)
            "mindiff": 2, "startdiff": 1           | config: startdiff = 1 is not allowed (a number >= mindiff 2)
            "maxdiff": 100, "startdiff": 500       | config: startdiff = 500 is not allowed (a number from mindiff 1 to maxdiff 100)
            "maxdiff": 10                          | config: startdiff = 42 (the default) is not allowed (a number from mindiff 1 to maxdiff 10)
            "mindiff": 4, "maxdiff": 2             | config: maxdiff = 2 is not allowed (0 for no maximum, or a number >= mindiff 4)
            "maxdiff": -1                          | config: maxdiff = -1 is not allowed (0 for no maximum, or a number >= mindiff 1)
            "donation": 101                        | config: donation = 101 is not allowed (a number from 0 to 100, in percent)
            "donation": -0.5                       | config: donation = -0.5 is not allowed (a number from 0 to 100, in percent)
            "donation": "5"                        | config: donation = "5" is not allowed (a number from 0 to 100, in percent)
            "blockpoll": 5                         | config: blockpoll = 5 is not allowed (an integer >= 10, in milliseconds)
            "update_interval": 0                   | config: update_interval = 0 is not allowed (an integer >= 1, in seconds)
            "maxclients": 0                        | config: maxclients = 0 is not allowed (an integer >= 1)
            "metrics_port": 70000                  | config: metrics_port = 70000 is not allowed (an integer from 1 to 65535, or 0 to disable)
            "rpc_timeout": 0                       | config: rpc_timeout = 0 is not allowed (an integer >= 1, in seconds)
            "limits": {"max_line_bytes": 100}      | config: limits.max_line_bytes = 100 is not allowed (an integer from 256 to 1048576)
            "limits": {"max_line_bytes": 2000000}  | config: limits.max_line_bytes = 2000000 is not allowed (an integer from 256 to 1048576)
            "limits": {"auth_timeout": 0}          | config: limits.auth_timeout = 0 is not allowed (an integer >= 1, in seconds)
            "limits": {"ban_seconds": -1}          | config: limits.ban_seconds = -1 is not allowed (an integer >= 0, in seconds)
            "limits": {"max_conn_per_ip": -1}      | config: limits.max_conn_per_ip = -1 is not allowed (an integer >= 0 (0 = no limit))
            "limits": {"exempt_ips": ["10.0.0.0/33"]} | config: limits.exempt_ips = "10.0.0.0/33" is not allowed (a list of IP addresses or CIDR blocks, such as ["10.0.0.0/8", "192.0.2.7"])
            "limits": {"exempt_ips": ["pool.example"]} | config: limits.exempt_ips = "pool.example" is not allowed (a list of IP addresses or CIDR blocks, such as ["10.0.0.0/8", "192.0.2.7"])
            "limits": 5                            | config: limits = 5 is not allowed (an object)
            "version_mask": "1fffe00"              | config: version_mask = "1fffe00" is not allowed (8 hex digits, such as "1fffe000")
            "version_mask": "1fffe00g"             | config: version_mask = "1fffe00g" is not allowed (8 hex digits, such as "1fffe000")
            "version_mask": 536862720              | config: version_mask = 536862720 is not allowed (8 hex digits, such as "1fffe000")
            "serverurl": ["0.0.0.0"]               | config: serverurl = "0.0.0.0" is not allowed (a list of host:port to listen on, such as ["0.0.0.0:3333"])
            "serverurl": ["0.0.0.0:99999"]         | config: serverurl = "0.0.0.0:99999" is not allowed (a list of host:port to listen on, such as ["0.0.0.0:3333"])
            "serverurl": []                        | config: serverurl = [] is not allowed (a list of host:port to listen on, such as ["0.0.0.0:3333"])
            "zmqblock": "127.0.0.1:28332"          | config: zmqblock = "127.0.0.1:28332" is not allowed (a ZMQ endpoint such as "tcp://127.0.0.1:28332")
            "btcsig": 7                            | config: btcsig = 7 is not allowed (a string)
            "tbg_region": "eu.west"                | config: tbg_region = "eu.west" is not allowed (1 to 64 letters, digits, '-' or '_')
            "tbg_mode": "backup"                   | config: tbg_mode = "backup" is not allowed ("standalone", "primary" or "relay")
            "tbg_mode": "relay"                    | config: tbg_primary_url is required (host:port of the primary, when tbg_mode is "relay")
            "tbg_relay_port": 0                    | config: tbg_relay_port = 0 is not allowed (an integer from 1 to 65535)
            "vardiff": {"ema_alpha": 0}            | config: vardiff.ema_alpha = 0 is not allowed (a number > 0 and <= 1)
            "vardiff": {"dead_band_high": 0.9}     | config: vardiff.dead_band_high = 0.9 is not allowed (a number >= 1)
            "events": {"queue_size": 0}            | config: events.queue_size = 0 is not allowed (an integer from 1 to 16777216)
            "events": {"hashrate_interval": 0}     | config: events.hashrate_interval = 0 is not allowed (an integer >= 1, in seconds)
            "redis_url": "cache:6379"              | config: redis_url = (hidden) is not allowed (a redis:// or rediss:// URL)
            "events": {"nats_url": "localhost"}    | config: events.nats_url = (hidden) is not allowed (nats:// (or tls://, ws://, wss://) URLs separated by commas)
            """)
    void badValueIsRejectedWithKeyValueAndWhatIsAllowed(String fragment, String message) {
        assertThatThrownBy(() -> load("{" + NODE + ", " + ADDRESS + ", " + fragment + "}", HOST_ONLY))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            {"btcaddress": "x"}                                                   | config: btcd is required (a non-empty list of nodes such as [{"url":"host:port","auth":"user","pass":"password"}])
            {"btcd": [], "btcaddress": "x"}                                       | config: btcd = [] is not allowed (a non-empty list of nodes such as [{"url":"host:port","auth":"user","pass":"password"}])
            {"btcd": ["127.0.0.1:8332"], "btcaddress": "x"}                       | config: btcd[0] = "127.0.0.1:8332" is not allowed (a non-empty list of nodes such as [{"url":"host:port","auth":"user","pass":"password"}])
            {"btcd": [{"url": "bitcoin-eu", "auth": "u", "pass": "p"}], "btcaddress": "x"}      | config: btcd[0].url = "bitcoin-eu" is not allowed (host:port or http://host:port)
            {"btcd": [{"url": "bitcoin_eu:8332", "auth": "u", "pass": "p"}], "btcaddress": "x"} | config: btcd[0].url = "bitcoin_eu:8332" is not allowed (host:port or http://host:port)
            {"btcd": [{"auth": "u", "pass": "p"}], "btcaddress": "x"}             | config: btcd[0].url is required (host:port of the node's JSON-RPC)
            {"btcd": [{"url": "a:1", "pass": "p"}], "btcaddress": "x"}            | config: btcd[0].auth is required (the RPC user, unless "cookie" is set)
            {"btcd": [{"url": "a:1", "auth": "u"}], "btcaddress": "x"}            | config: btcd[0].pass is required (the RPC password, or TBG_BTCD_PASS in the environment, unless "cookie" is set)
            {"btcd": [{"url": "a:1", "auth": "u", "pass": 123456}], "btcaddress": "x"}          | config: btcd[0].pass = (hidden) is not allowed (a string)
            {"btcd": [{"url": "a:1", "auth": "u", "pass": "p", "notify": "yes"}], "btcaddress": "x"} | config: btcd[0].notify = "yes" is not allowed (true or false)
            {"btcd": [{"url": "a:1", "auth": "u", "pass": "p"}]}                  | config: btcaddress is required (the pool's own Bitcoin address)
            {"btcd": [{"url": "a:1", "auth": "u", "pass": "p"}], "btcaddress": " "} | config: btcaddress = " " is not allowed (the pool's own Bitcoin address)
            """)
    void requiredKeysAreChecked(String text, String message) {
        assertThatThrownBy(() -> load(text, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void passwordsNeverAppearInMessages() {
        assertThatThrownBy(() -> load("{\"btcd\": [{\"url\": \"a:1\", \"auth\": \"u\", \"pass\": 987654}], " + ADDRESS + "}", Map.of()))
                .hasMessageNotContaining("987654");
        assertThatThrownBy(() -> load("{" + NODE + ", " + ADDRESS + "}", Map.of("REDIS_URL", "cache:6379-secret")))
                .hasMessage("config: redis_url (from REDIS_URL) = (hidden) is not allowed (a redis:// or rediss:// URL)")
                .hasMessageNotContaining("secret");
    }

    @Test
    void fileThatIsNotAConfigObjectIsRejectedWithWhere() {
        assertThatThrownBy(() -> load("{\"btcd\": [\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config: ")
                .hasMessageContaining("is not valid JSON at line 2");
        assertThatThrownBy(() -> load("{\"mindiff\": 1, \"mindiff\": 2}", Map.of()))
                .hasMessageContaining("Duplicate field 'mindiff'");
        assertThatThrownBy(() -> load("[]", Map.of()))
                .hasMessageEndingWith("must hold one JSON object ({ \"btcd\": [...], ... })");
        assertThatThrownBy(() -> load("", Map.of()))
                .hasMessageEndingWith("must hold one JSON object ({ \"btcd\": [...], ... })");
        Path missing = dir.resolve("missing.conf");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(missing))
                .hasMessage("config: " + missing + " does not exist");
        assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(dir))
                .hasMessageStartingWith("config: cannot read " + dir + ": ");
    }

    @Test
    void environmentWinsOverTheFile() throws IOException {
        String text = """
                {"btcd": [{"url": "a:1", "auth": "u", "pass": "file-pass"}, {"url": "b:2", "auth": "u", "pass": "file-pass"}],
                 "btcaddress": "x",
                 "redis_url": "redis://file:6379", "database_url": "postgresql://file/db",
                 "events": {"nats_url": "nats://file:4222"}}
                """;
        Map<String, String> env = Map.of(
                "TBG_BTCD_PASS", "env-pass",
                "REDIS_URL", "redis://env:6379",
                "DATABASE_URL", "postgresql://env/db",
                "NATS_URL", "nats://env:4222");

        LoadedConfig config = load(text, env);

        assertThat(config.pool().nodes()).extracting(NodeEndpoint::password).containsExactly("env-pass", "env-pass");
        assertThat(config.tbg().redisUrl()).isEqualTo("redis://env:6379");
        assertThat(config.tbg().databaseUrl()).isEqualTo("postgresql://env/db");
        assertThat(config.tbg().events().natsUrl()).isEqualTo("nats://env:4222");

        LoadedConfig withoutEnv = load(text, Map.of("TBG_BTCD_PASS", " "));
        assertThat(withoutEnv.pool().nodes()).extracting(NodeEndpoint::password).containsExactly("file-pass", "file-pass");
        assertThat(withoutEnv.tbg().redisUrl()).isEqualTo("redis://file:6379");
    }

    @Test
    void passwordMayComeOnlyFromTheEnvironment() throws IOException {
        LoadedConfig config = load("{\"btcd\": [{\"url\": \"a:1\", \"auth\": \"u\"}], " + ADDRESS + "}",
                Map.of("TBG_BTCD_PASS", "env-pass"));

        assertThat(config.pool().nodes().get(0).password()).isEqualTo("env-pass");
    }

    @Test
    void logDirFromTheCommandLineWinsAndMovesTheDefaultJournal() throws IOException {
        Path file = write("{" + NODE + ", " + ADDRESS + ", \"logdir\": \"/var/log/ckpool\"}");

        LoadedConfig config = new ConfigLoader(Map.of()).load(file, Path.of("/tmp/tbg-logs"));

        assertThat(config.pool().logDir()).isEqualTo(Path.of("/tmp/tbg-logs"));
        assertThat(config.tbg().events().journalDir()).isEqualTo(Path.of("/tmp/tbg-logs/events"));
    }

    @Test
    void unknownKeysWarnOnceEachInFileOrderAndTheConfigStillLoads() throws IOException {
        String text = """
                {"btcd": [{"url": "a:1", "auth": "u", "pass": "p", "weight": 2}],
                 "btcaddress": "x",
                 "btcsolo": true,
                 "limits": {"max_line_bytes": 4096, "max_lines": 7},
                 "mindiff": 2}
                """;
        ListAppender<ILoggingEvent> warnings = captureWarnings();
        LoadedConfig config;
        try {
            config = load(text, Map.of());
        } finally {
            release(warnings);
        }

        assertThat(config.pool().minDiff()).isEqualTo(2);
        assertThat(warnings.list).allSatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.WARN));
        assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "config: unknown key btcd[0].weight ignored",
                "config: unknown key btcsolo ignored",
                "config: unknown key limits.max_lines ignored");
    }

    private LoadedConfig load(String text, Map<String, String> env) throws IOException {
        return new ConfigLoader(env).load(write(text));
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "tbg", ".conf");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private Path resource(String name) throws IOException {
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/config/" + name), name)) {
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    private static ListAppender<ILoggingEvent> captureWarnings() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(ConfigLoader.class)).addAppender(appender);
        return appender;
    }

    private static void release(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(ConfigLoader.class)).detachAppender(appender);
    }
}
