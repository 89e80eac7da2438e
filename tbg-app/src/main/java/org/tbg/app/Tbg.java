package org.tbg.app;

import org.tbg.app.cli.CollectorCommand;
import org.tbg.app.cli.DemoCommand;
import org.tbg.app.cli.DevnetCommand;
import org.tbg.app.cli.LoadtestCommand;
import org.tbg.app.cli.MinerCommand;
import org.tbg.app.cli.PoolCommand;
import org.tbg.app.cli.TbgVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** The {@code tbg} command line. Exit codes: 0 done, 1 failure, 2 bad usage or bad config. */
@Command(name = "tbg",
        mixinStandardHelpOptions = true,
        versionProvider = TbgVersion.class,
        description = "TheBitcoinGame mining service: a Stratum V1 solo pool and its tools.",
        subcommands = {PoolCommand.class, CollectorCommand.class, MinerCommand.class, DevnetCommand.class, DemoCommand.class, LoadtestCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "The ./tbg launcher also knows: build, test, demo."})
public final class Tbg implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: pool, miner, devnet, demo, loadtest or help");
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Tbg());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
