package dev.rankadaptor.cli;

import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.common.UserInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * The headless command line: the same services as the workbench, for GPU servers without a
 * display. Exit codes: 0 success, 2 bad input (the message names the file or field), 1 other
 * failures, 130 cancelled. Users never see a stack trace for their own mistakes.
 */
@Command(name = "rankadaptor", mixinStandardHelpOptions = true, version = "RankAdaptor Workbench 0.1.0",
        description = "Recover structurally pruned LLaMA models with per-layer LoRA ranks (RankAdaptor).",
        subcommands = {InspectCommand.class, GenerateCommand.class, PerplexityCommand.class, PretrainCommand.class, EvalCommand.class, SearchCommand.class, ResumeCommand.class,
                ReportCommand.class, DemoCommand.class, PlanCommand.class, PruneCommand.class,
                MakeDemoDataCommand.class, TrialCommand.class, ModelCheckCommand.class, RecoverCommand.class, BenchCommand.class,
                dev.rankadaptor.ui.GuiCommand.class,
                CommandLine.HelpCommand.class})
public final class RankAdaptorCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new RankAdaptorCli());
        cli.setExecutionExceptionHandler(RankAdaptorCli::handle);
        return cli.execute(args);
    }

    static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        Throwable cause = e;
        while (cause instanceof RuntimeException && cause.getCause() instanceof UserInputException) {
            cause = cause.getCause();
        }
        if (cause instanceof UserInputException) {
            err.println("error: " + cause.getMessage());
            return 2;
        }
        if (cause instanceof CancelledException) {
            err.println("cancelled");
            return 130;
        }
        if (cause instanceof UncheckedIOException io) {
            err.println("error: " + io.getMessage());
            return 1;
        }
        err.println("internal error: " + cause + " (details: " + CrashReport.write(cause) + ")");
        return 1;
    }
}
