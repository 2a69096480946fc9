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
@Command(name = "rankadaptor", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "RankAdaptor Workbench 0.1.0",
        description = "Recover structurally pruned LLaMA models with per-layer LoRA ranks (RankAdaptor).",
        subcommands = {InspectCommand.class, GenerateCommand.class, PerplexityCommand.class, PretrainCommand.class, EvalCommand.class, SearchCommand.class, ResumeCommand.class,
                ReportCommand.class, DemoCommand.class, PlanCommand.class, PruneCommand.class, ConvertCommand.class,
                MakeDemoDataCommand.class, TrialCommand.class, ModelCheckCommand.class, RecoverCommand.class, ExportCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class RankAdaptorCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = LibraryLogs.VERBOSE, scope = CommandLine.ScopeType.INHERIT,
            description = "show the libraries' log lines (DJL engine start, native extraction) on the console; "
                    + "by default they go to a log file under ~/.cache/rankadaptor/logs")
    boolean verbose;

    private final DesktopEntry desktop;

    /** The command line without the desktop (tests, servers): no {@code gui} command, no {@code bench ui}. */
    public RankAdaptorCli() {
        this(null);
    }

    /** The command line with the desktop side handed in by the composition root. */
    public RankAdaptorCli(DesktopEntry desktop) {
        this.desktop = desktop;
    }

    /** The desktop side, or null when this command line runs without one. */
    DesktopEntry desktop() {
        return desktop;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line without the desktop and returns the exit code. */
    public static int execute(String... args) {
        return execute(null, args);
    }

    /** Runs the command line (with {@code gui} when a desktop is given) and returns the exit code. */
    public static int execute(DesktopEntry desktop, String... args) {
        return commandLine(desktop).execute(args);
    }

    /** The configured picocli command line: subcommands, the desktop's {@code gui}, error handling. */
    public static CommandLine commandLine(DesktopEntry desktop) {
        CommandLine cli = new CommandLine(new RankAdaptorCli(desktop));
        if (desktop != null) {
            cli.addSubcommand("gui", desktop.guiCommand());
        }
        cli.setExecutionExceptionHandler(RankAdaptorCli::handle);
        return cli;
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
