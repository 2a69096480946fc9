package dev.rankadaptor.cli;

import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.ResultsExport;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.pipeline.RunOrchestrator;
import dev.rankadaptor.pipeline.RunOutcome;
import dev.rankadaptor.search.SearchControl;

/** Runs an orchestrator in the terminal; Ctrl-C cancels the trial in flight (finished ones stay). */
final class RunCommands {
    private RunCommands() {
    }

    static int execute(RunDirectory dir, ProjectFile pf) {
        return execute(dir, pf, null);
    }

    /** @param execution this run's execution section (CLI flags), or null for the project's */
    static int execute(RunDirectory dir, ProjectFile pf, dev.rankadaptor.experiment.ExecutionSection execution) {
        int planned = RunOrchestrator.expectedTrials(pf.project());
        SearchControl control = new SearchControl();
        Thread hook = new Thread(control::cancel, "cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("run folder: " + dir.path());
        RunOutcome out = new RunOrchestrator(dir, new ConsoleRunListener(System.out, planned), control,
                dev.rankadaptor.execution.TrialBackends::open, execution).run();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // shutting down already
        }
        if (out.results() != null) {
            System.out.println();
            System.out.println(ResultsExport.markdown(out.results()));
            System.out.println("tables: " + dir.path().resolve("results.md") + ", results.csv, results.tex");
        }
        return switch (out.status()) {
            case FINISHED, PAUSED -> 0;
            case CANCELLED -> 130;
            case FAILED -> 1;
        };
    }
}
