package dev.rankadaptor.ui.backend;

import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.JournalState;
import dev.rankadaptor.pipeline.RunOrchestrator;
import dev.rankadaptor.pipeline.RunOutcome;
import dev.rankadaptor.search.SearchControl;
import dev.rankadaptor.ui.run.RunController;
import dev.rankadaptor.ui.state.WorkbenchPanels;

import java.nio.file.Path;

/**
 * The Run panel's controller over the pipeline: a new run creates a run folder from the open
 * project (with the panels' edits) and runs the {@link RunOrchestrator} on a workbench worker
 * thread; "resume from journal" opens the shown run folder and runs a new orchestrator, which
 * keeps every finished trial. Pause / resume / stop / cancel go to the run's {@link SearchControl}.
 * Pause takes effect after the trial in flight: the panel shows PAUSED once the run reports
 * that it waits ({@code RunListener.paused}). What the run shows (trials, baselines, current run)
 * goes into the window's {@code WorkbenchState}; the Run panel gets the run's log and state.
 */
public final class OrchestratorRunController implements RunController {
    private final ProjectSession session;
    private final WorkbenchPanels vm;
    private volatile SearchControl control;
    private final java.util.List<RunFeed> feeds = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The longest single UI update any run of this controller made, in ms (for the responsiveness test). */
    public double maxUiUpdateMillis() {
        return feeds.stream().mapToDouble(RunFeed::maxUpdateMillis).max().orElse(0);
    }

    public OrchestratorRunController(ProjectSession session) {
        this.session = session;
        this.vm = session.viewModel();
    }

    /** The project session whose open project this controller runs. */
    public ProjectSession session() {
        return session;
    }

    @Override
    public void start(boolean resume) {
        ProjectFile pf;
        Path folder = session.state().currentRunProperty().get();
        try {
            pf = resume ? null : session.currentProjectFile();
            if (resume && folder == null) {
                throw new dev.rankadaptor.common.UserInputException("no run is open to resume: open a run folder first");
            }
        } catch (RuntimeException e) {
            vm.run().onLog("cannot start: " + e.getMessage());
            vm.run().onFailed(e.getMessage());
            return;
        }
        SearchControl c = new SearchControl();
        control = c;
        if (!resume) {
            vm.state().clearRun();
        }
        vm.executor().submit(resume ? "resume run" : "run", token -> {
            // RunOrchestrator.run() prepares this worker thread for PyTorch (grad mode off) itself
            if (pf != null && !pf.project().equals(ProjectFile.read(pf.path()).project())) {
                // a run folder records its project file; resuming checks the file still matches
                ProjectFile.write(pf.path(), pf.project());
                vm.executor().runOnUiThread(() -> vm.run().onLog("saved the panels' settings to " + pf.path()));
            }
            try (RunDirectory dir = resume ? RunDirectory.open(folder) : RunDirectory.create(pf)) {
                JournalState state = dir.replay();
                ProjectFile snap = dir.snapshot();
                RunFeed feed = new RunFeed(vm.executor(), vm, RunOrchestrator.expectedTrials(snap.project()), state.finished().size(),
                        t -> { });
                feed.setRun(dir.path(), snap);
                feed.setOnPaused(() -> {
                    if (vm.run().getState() == dev.rankadaptor.ui.run.RunState.PAUSING) {
                        vm.run().onPaused();
                    }
                });
                feed.seedBaselines(state.finished());
                feeds.add(feed);
                var summary = vm.checkpoint().summaryProperty().get();
                if (summary != null) {
                    try {
                        int n = summary.layout().size();
                        feed.setSearchedLayers(dev.rankadaptor.pipeline.ProjectMapping.prunableLayers(snap.project(), n));
                    } catch (RuntimeException e) {
                        // importance then stays per searched layer
                    }
                }
                vm.executor().runOnUiThread(() -> {
                    vm.state().currentRunProperty().set(dir.path());
                    if (resume) {
                        vm.state().trials().setAll(JournalRows.trialRows(state.finished()));
                    }
                    vm.run().onLog((resume ? "resuming " : "started ") + dir.path() + " (" + state.finished().size()
                            + " finished trials in the journal)");
                });
                return new RunOrchestrator(dir, feed, c, dev.rankadaptor.execution.TrialBackends::open).run();
            }
        }, this::finished, e -> {
            vm.run().workers().detach();
            vm.run().onLog("run failed: " + e);
            vm.run().onFailed(e.getMessage() == null ? e.toString() : e.getMessage());
            session.refreshRuns();
        });
    }

    /**
     * The run ended: replay its journal into the views (trials, baselines, configurations, results)
     * first, then show the final state, so "finished" on screen means the views are final too.
     */
    private void finished(RunOutcome out) {
        vm.run().onLog("run " + out.status().name().toLowerCase() + ": " + out.message());
        vm.executor().submit("open run " + out.runDir(), token -> ProjectSession.replay(out.runDir()), r -> {
            session.showOpened(r);
            endState(out);
            session.refreshRuns();
        }, e -> {
            vm.run().onLog("cannot read the run's journal: " + e.getMessage());
            endState(out);
        });
    }

    private void endState(RunOutcome out) {
        vm.run().workers().detach();
        switch (out.status()) {
            case FINISHED -> vm.run().onFinished();
            case CANCELLED -> vm.run().onCancelled();
            case PAUSED -> vm.run().onPaused();
            case FAILED -> vm.run().onFailed(out.message());
        }
    }

    @Override
    public void pause() {
        SearchControl c = control;
        if (c != null) {
            c.pause();
        }
    }

    @Override
    public void resume() {
        SearchControl c = control;
        if (c != null) {
            c.resume();
        }
    }

    @Override
    public void stop() {
        SearchControl c = control;
        if (c != null) {
            c.stop();
        }
    }

    @Override
    public void cancel() {
        SearchControl c = control;
        if (c != null) {
            c.cancel();
        }
    }
}
