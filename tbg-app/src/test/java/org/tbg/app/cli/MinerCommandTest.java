package org.tbg.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tbg.stratum.miner.MinerOptions;
import org.tbg.stratum.miner.MinerStats;
import picocli.CommandLine;

class MinerCommandTest {

    @Test
    void commandLineBecomesTheMinerOptions() {
        MinerCommand command = parse("-o", "stratum+tcp://127.0.0.1:3333", "-u", "bcrt1qexample.rig1", "-p", "d=0.01",
                "-t", "2", "--duration", "30", "--blocks", "3", "--no-version-rolling");

        assertThat(command.options()).isEqualTo(new MinerOptions("127.0.0.1", 3333, "bcrt1qexample.rig1", "d=0.01",
                2, false, Duration.ofSeconds(30), 3));
    }

    @Test
    void defaultsMineForeverWithOneThreadAndVersionRolling() {
        MinerCommand command = parse("-o", "pool.example:3333", "-u", "addr");

        assertThat(command.options()).isEqualTo(new MinerOptions("pool.example", 3333, "addr", "x", 1, true, null, 0));
    }

    @Test
    void badValuesAreUsageErrors() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new MinerCommand()).setErr(new PrintWriter(err, true));

        assertThat(cli.execute("-o", "pool.example", "-u", "addr")).isEqualTo(2);
        assertThat(cli.execute("-o", "pool.example:3333", "-u", "addr", "-t", "0")).isEqualTo(2);
        assertThat(cli.execute("-o", "pool.example:3333", "-u", "addr", "--duration", "0")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Invalid value for option '-o': 'pool.example' (HOST:PORT)")
                .contains("Invalid option: threads")
                .contains("Invalid option: duration");
    }

    @Test
    void summaryIsOneLineWithRateAndRejectReasons() {
        MinerStats stats = new MinerStats(25_000_000, 12, 10, 2, 1, Map.of("Low difficulty share", 2L));

        String line = MinerCommand.summary(stats, Duration.ofSeconds(10));

        assertThat(line).isEqualTo("miner: 10.0 s, 25000000 hashes (2.5 MH/s), shares submitted 12, accepted 10, "
                + "rejected 2 {Low difficulty share=2}, blocks 1");
    }

    @Test
    void hashRateUsesTheLargestFittingUnit() {
        assertThat(MinerCommand.hashRate(999)).isEqualTo("999.0 H/s");
        assertThat(MinerCommand.hashRate(1_500)).isEqualTo("1.5 kH/s");
        assertThat(MinerCommand.hashRate(3.2e12)).isEqualTo("3.2 TH/s");
        assertThat(MinerCommand.hashRate(5e15)).isEqualTo("5000.0 TH/s");
    }

    private static MinerCommand parse(String... args) {
        MinerCommand command = new MinerCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }
}
