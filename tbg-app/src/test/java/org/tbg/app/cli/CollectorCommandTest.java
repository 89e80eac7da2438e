package org.tbg.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Usage and configuration of {@code tbg collector}; the running collector is tested by the collector ITs. */
class CollectorCommandTest {
    private static final String DB = "postgresql://tbg:secretpw@127.0.0.1:5432/tbg";
    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final String NATS = "nats://127.0.0.1:4222";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> env, String... args) {
        CommandLine cli = new CommandLine(new CollectorCommand(env));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private CollectorCommand.Plan plan(Map<String, String> env, String... args) {
        CollectorCommand command = new CollectorCommand(env);
        new CommandLine(command).parseArgs(args);
        return command.plan();
    }

    @Test
    void aBadValueExitsTwoNamingTheOptionTheValueAndWhatIsAllowed() {
        int code = run(Map.of(), "--database", DB, "--redis", REDIS, "--nats", NATS, "--batch-size", "0");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("tbg collector: --batch-size = 0 is not allowed (an integer from 1 to 100000)");
    }

    @Test
    void aBadUrlIsRefusedWithoutShowingIt() {
        int code = run(Map.of(), "--database", "mysql://u:hunter2@h/d", "--redis", REDIS, "--nats", NATS);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--database = (hidden) is not allowed").doesNotContain("hunter2");
    }

    @Test
    void withoutADatabaseOrASourceItSaysWhatToGive() {
        assertThat(run(Map.of(), "--redis", REDIS, "--nats", NATS)).isEqualTo(2);
        assertThat(err.toString()).contains("no database: give --database URL, DATABASE_URL");

        err.getBuffer().setLength(0);
        assertThat(run(Map.of(), "--database", DB, "--redis", REDIS)).isEqualTo(2);
        assertThat(err.toString()).contains("nothing to collect from");
    }

    @Test
    void aMissingReplayFileIsAUsageError() {
        Path missing = dir.resolve("events-20261123-16.jsonl");

        int code = run(Map.of(), "--database", DB, "--redis", REDIS, "--replay", missing.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip()).isEqualTo("tbg collector: --replay = " + missing
                + " is not allowed (an existing journal file or directory)");
    }

    @Test
    void readsThePoolsConfigFileWithoutNeedingNodesAndTheEnvironmentWins() throws IOException {
        Path conf = Files.writeString(dir.resolve("ckpool.conf"), """
                {
                  // the pool's own keys are not the collector's business
                  "btcaddress": "bc1qpool", "mindiff": 1,
                  "database_url": "postgresql://tbg:filepw@db.internal:5432/tbg",
                  "redis_url": "redis://cache.internal:6379",
                  "event_socket_path": "/tmp/ckpool/events.sock",
                  "tbg_region": "eu",
                  "events": {"nats_url": "nats://nats.internal:4222", "journal_dir": "/var/log/tbg"}
                }
                """);

        CollectorCommand.Plan fromFile = plan(Map.of(), "-c", conf.toString());
        CollectorCommand.Plan fromEnv = plan(Map.of("DATABASE_URL", "postgresql://tbg:envpw@db2:5432/tbg",
                "NATS_URL", "nats://nats2:4222"), "-c", conf.toString());
        CollectorCommand.Plan fromArgs = plan(Map.of("DATABASE_URL", "postgresql://tbg:envpw@db2:5432/tbg"),
                "-c", conf.toString(), "--database", DB, "--region", "us", "--batch-size", "777");

        assertThat(fromFile.settings().databaseUrl()).isEqualTo("postgresql://tbg:filepw@db.internal:5432/tbg");
        assertThat(fromFile.settings().redisUrl()).isEqualTo("redis://cache.internal:6379");
        assertThat(fromFile.natsUrl()).isEqualTo("nats://nats.internal:4222");
        assertThat(fromFile.socket()).isEqualTo(Path.of("/tmp/ckpool/events.sock"));
        assertThat(fromFile.subject()).isEqualTo("tbg.events.eu.>");
        assertThat(fromFile.durable()).isEqualTo("tbg-collector-eu");
        assertThat(fromFile.settings().batchSize()).isEqualTo(5_000);
        assertThat(fromEnv.settings().databaseUrl()).isEqualTo("postgresql://tbg:envpw@db2:5432/tbg");
        assertThat(fromEnv.natsUrl()).isEqualTo("nats://nats2:4222");
        assertThat(fromArgs.settings().databaseUrl()).isEqualTo(DB);
        assertThat(fromArgs.subject()).isEqualTo("tbg.events.us.>");
        assertThat(fromArgs.settings().batchSize()).isEqualTo(777);
    }

    @Test
    void withoutARegionItConsumesEveryRegionAsTheDefaultDurable() {
        CollectorCommand.Plan plan = plan(Map.of("DATABASE_URL", DB, "REDIS_URL", REDIS, "NATS_URL", NATS));

        assertThat(plan.subject()).isEqualTo("tbg.events.>");
        assertThat(plan.durable()).isEqualTo("tbg-collector");
        assertThat(plan.settings().retention().eventsDays()).isEqualTo(30);
        assertThat(plan.settings().retention().sharesDays()).isEqualTo(90);
    }

    @Test
    void aBadValueInTheConfigFileExitsTwoNamingTheKey() throws IOException {
        Path conf = Files.writeString(dir.resolve("bad.conf"), "{\"redis_url\": \"http://nope\"}");

        int code = run(Map.of(), "-c", conf.toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().strip())
                .isEqualTo("config: redis_url = (hidden) is not allowed (a redis:// or rediss:// URL)");
    }
}
