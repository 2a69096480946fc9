package dev.rankadaptor.ui.backend;

import dev.rankadaptor.pipeline.ParameterCounter;
import dev.rankadaptor.reference.PaperReferenceFolder;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.ui.trials.TrialRow;

import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.MethodRow;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.ResultsFile;
import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.JournalState;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.pipeline.ReportStage;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.state.ShownRun;
import dev.rankadaptor.ui.state.WorkbenchPanels;
import dev.rankadaptor.ui.state.WorkbenchState;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The open project of a workbench window: loads a project file into the panels (checkpoint,
 * pruning, recovery &amp; search), saves the panels back (Jackson via ProjectFile), lists the
 * project's runs and opens one by replaying its journal. What it opens goes into the window's
 * {@link WorkbenchState} (project, runs, shown run, trials, baselines, configurations), which the
 * panels are bound to; this class never names the trials, charts or results panels.
 * All file work runs through the {@link UiExecutor}; results land on the UI thread.
 */
public final class ProjectSession {
    private final WorkbenchPanels vm;
    private final UiExecutor executor;
    private final WorkbenchState state;
    private final ObjectProperty<ProjectFile> project;
    private final ObservableList<Path> runs;
    private final ObjectProperty<Path> currentRun;
    private final StringProperty status;
    private RecentFilesModel recent;

    public ProjectSession(WorkbenchPanels vm) {
        this.vm = vm;
        this.executor = vm.executor();
        this.state = vm.state();
        this.project = state.projectProperty();
        this.runs = state.runs();
        this.currentRun = state.currentRunProperty();
        this.status = state.statusProperty();
    }

    /** Remembers every project opened or saved in this list (persisted in the user's config folder). */
    public void setRecent(RecentFilesModel recentFiles) {
        this.recent = recentFiles;
    }

    public RecentFilesModel recent() {
        return recent;
    }

    private void remember(Path projectFile) {
        if (recent != null) {
            recent.rememberProject(projectFile);
        }
    }

    private record Loaded(ProjectFile file, List<Path> runs) {
    }

    /**
     * Opens a project: a project.json file, a folder holding one, or the paper-reference sample
     * (a folder with tables.json and rank-configs.json, or a file in it), which is shown as data
     * only (see {@link #openPaperReference}).
     */
    public void load(Path projectOrFolder) {
        status.set("opening " + projectOrFolder + " …");
        // what the path is (project file, folder, paper reference) is asked of the file system in the background
        executor.submit("resolve " + projectOrFolder, token -> OpenTarget.of(projectOrFolder), t -> {
            if (t.paperReference() != null) {
                openPaperReference(t.paperReference());
            } else {
                loadProjectFile(t.projectFile());
            }
        }, e -> status.set("cannot open project: " + e.getMessage()));
    }

    /** What a path the user opened stands for: a project file, or the paper-reference folder. */
    private record OpenTarget(Path projectFile, Path paperReference) {
        static OpenTarget of(Path projectOrFolder) {
            Path target = projectOrFolder;
            if (Files.isDirectory(target) && Files.isRegularFile(target.resolve("project.json"))) {
                target = target.resolve("project.json");
            }
            return new OpenTarget(target, PaperReferenceFolder.of(target));
        }
    }

    /** Opens a project file: fills the panels, opens its checkpoint, lists its runs and shows the newest. */
    private void loadProjectFile(Path projectJson) {
        status.set("opening " + projectJson + " …");
        executor.submit("open project " + projectJson, token -> {
            ProjectFile pf = ProjectFile.read(projectJson);
            return new Loaded(pf, RunDirectory.list(pf.runsFolder()));
        }, loaded -> {
            project.set(loaded.file());
            vm.recovery().data().projectFolderProperty().set(loaded.file().folder());
            fillPanels(loaded.file().project(), vm.pruning(), vm.recovery());
            vm.checkpoint().folderProperty().set(loaded.file().checkpointPath().toString());
            vm.checkpoint().open();
            runs.setAll(loaded.runs());
            remember(loaded.file().path());
            status.set("project " + loaded.file().project().name() + " (" + loaded.file().path() + "), "
                    + loaded.runs().size() + " run(s)");
            if (!loaded.runs().isEmpty()) {
                openRun(loaded.runs().get(loaded.runs().size() - 1));
            }
        }, e -> status.set("cannot open project: " + e.getMessage()));
    }

    /**
     * Shows the paper-reference sample project: its files are read and validated in the background
     * (the same loader as the bundled copy), our own rows, trials and run list are cleared, the
     * Results panel shows the paper's rows and Table 10, and the Charts panel's configuration
     * heatmap shows every Table 10 row. Nothing is computed; the status line says so.
     */
    public void openPaperReference(Path folder) {
        if (vm.run().getState().isActive() || vm.run().getState() == dev.rankadaptor.ui.run.RunState.PAUSED) {
            status.set("a run is in progress: stop or cancel it before opening the paper reference");
            return;
        }
        status.set("reading paper reference " + folder + " …");
        executor.submit("open paper reference " + folder, token -> PaperReferenceFolder.read(folder), r -> {
            project.set(null);
            runs.clear();
            currentRun.set(null);
            state.clearRun();
            state.configurationsProperty().set(WorkbenchState.Configurations.NONE);
            state.shownRunProperty().set(ShownRun.PAPER_REFERENCE);
            remember(folder);
            status.set(r.statusLine());
        }, e -> status.set("cannot open paper reference: " + e.getMessage()));
    }

    /** The open project with the panels' current edits (validated; throws naming the bad field). */
    public ProjectFile currentProjectFile() {
        ProjectFile pf = project.get();
        if (pf == null) {
            throw new dev.rankadaptor.common.UserInputException("no project is open: open a project.json first");
        }
        Project edited = buildProject(pf.project(), vm.pruning(), vm.recovery());
        return new ProjectFile(pf.path(), edited);
    }

    /** Saves the panels into {@code target} (atomically); the saved file becomes the open project. */
    public void save(Path target) {
        Project edited;
        try {
            edited = currentProjectFile().project();
        } catch (RuntimeException e) {
            status.set("not saved: " + e.getMessage());
            return;
        }
        executor.submit("save project " + target, token -> ProjectFile.write(target, edited),
                pf -> {
                    project.set(pf);
                    vm.recovery().data().projectFolderProperty().set(pf.folder());
                    status.set("saved " + pf.path());
                    remember(pf.path());
                }, e -> status.set("not saved: " + e.getMessage()));
    }

    /** Re-lists the project's run folders. */
    public void refreshRuns() {
        ProjectFile pf = project.get();
        if (pf == null) {
            return;
        }
        executor.submit("list runs", token -> RunDirectory.list(pf.runsFolder()), runs::setAll,
                e -> status.set("cannot list runs: " + e.getMessage()));
    }

    /** What replaying a run folder gives: its state and the results table built from its journal. */
    /**
     * {@code power}: the performance model's predictive power from results.json (null when absent);
     * {@code failedSearchTrials}: search trials that failed for good, shown with their reason.
     */
    public record Replayed(Path folder, JournalState state, ResultsTable table, dev.rankadaptor.search.PredictivePower power,
                           List<TrialRow> failedSearchTrials) {
        public Replayed {
            failedSearchTrials = failedSearchTrials == null ? List.of() : List.copyOf(failedSearchTrials);
        }

        public Replayed(Path folder, JournalState state, ResultsTable table) {
            this(folder, state, table, null, List.of());
        }
    }

    /** Reads a run folder (journal replay + results) without running anything; locks it only while reading. */
    public static Replayed replay(Path runFolder) {
        try (RunDirectory dir = RunDirectory.open(runFolder)) {
            JournalState state = dir.replay();
            boolean hasResults = Files.isRegularFile(dir.resultsFile());
            ResultsTable table = hasResults ? ResultsFile.read(dir.resultsFile()) : ReportStage.table(dir, dir.snapshot());
            ParameterCounter.forRun(dir.path(), dir.snapshot());
            List<TrialRow> failed = state.failed().isEmpty() ? List.of() : JournalRows.failedSearchRows(
                    dev.rankadaptor.experiment.JournalReader.read(dir.journalFile()).entries().stream()
                            .map(dev.rankadaptor.experiment.JournalEntry::record).toList());
            return new Replayed(dir.path(), state, table, hasResults ? ResultsFile.readPredictivePower(dir.resultsFile()) : null,
                    failed);
        }
    }

    /** Shows a run folder's trials, baselines and results (replayed from its journal). */
    public void openRun(Path runFolder) {
        if (vm.run().getState().isActive() || vm.run().getState() == dev.rankadaptor.ui.run.RunState.PAUSED) {
            status.set("a run is in progress: stop or cancel it before opening another");
            return;
        }
        status.set("reading run " + runFolder.getFileName() + " …");
        executor.submit("open run " + runFolder, token -> replay(runFolder), this::showOpened,
                e -> status.set("cannot open run: " + e.getMessage()));
    }

    /** Shows a replayed run and says so in the status line (UI thread). */
    public void showOpened(Replayed r) {
        show(r);
        status.set("run " + r.folder().getFileName() + ": " + r.state().status() + ", "
                + r.state().finished().size() + " finished trials");
    }

    /** Puts a replayed run into the workbench state: trials, baselines, configurations, results (UI thread). */
    public void show(Replayed r) {
        currentRun.set(r.folder());
        List<TrialRow> rows = new java.util.ArrayList<>(JournalRows.trialRows(r.state().finished(),
                ParameterCounter.forRun(r.folder(), null)));
        rows.addAll(r.failedSearchTrials());
        state.trials().setAll(rows);
        state.baselines().clear();
        state.baselines().putAll(baselineMeans(r.state().finished()));
        if (r.state().lastModelUpdate() == null) {
            state.importanceProperty().set(new double[0]);
        }
        showConfigurations(r.state().finished());
        state.shownRunProperty().set(new ShownRun(r.folder(), r.table(), r.power()));
    }

    /** Final rank configuration of each method (its repeat trials' ranks) as the methods x layers heatmap. */
    public void showConfigurations(List<JournalRecord.TrialFinished> finished) {
        Map<String, int[]> byMethod = new LinkedHashMap<>();
        for (JournalRecord.TrialFinished t : finished) {
            if (t.phase() == TrialPhase.REPEAT) {
                byMethod.putIfAbsent(RecoveryMethod.idOf(t.method()), t.rankArray());
            }
        }
        List<String> labels = new ArrayList<>();
        ParameterCounter counter = ParameterCounter.forRun(currentRun.get(), null);
        byMethod.forEach((m, ranks) -> {
            var p = counter == null ? null : counter.count(ranks);
            labels.add(MethodRow.defaultLabel(m) + (p == null ? "" : String.format(java.util.Locale.ROOT, " · %.0f%% params", p.percent())));
        });
        state.configurationsProperty().set(new WorkbenchState.Configurations(labels, new ArrayList<>(byMethod.values())));
    }

    /** Mean score per non-search method (baseline lines of the convergence chart). */
    public static Map<String, Double> baselineMeans(List<JournalRecord.TrialFinished> finished) {
        Map<String, List<Double>> by = new LinkedHashMap<>();
        for (JournalRecord.TrialFinished t : finished) {
            if (!JournalRows.isSearchTrial(t)) {
                by.computeIfAbsent(RecoveryMethod.idOf(t.method()), k -> new ArrayList<>()).add(t.score());
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        by.forEach((k, v) -> out.put(k, v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
        return out;
    }

    /** The panels this session fills and reads (settings, Run panel) and its window's state. */
    public WorkbenchPanels viewModel() {
        return vm;
    }

    public WorkbenchState state() {
        return state;
    }

    // Putting a project's sections into the panels and taking them back. The panels edit the sections
    // themselves (records, with their own validation), so settings the panels do not show (dropout,
    // warm-up, cutoff...) travel inside the records unchanged and Save writes exactly what was loaded
    // plus the user's edits; building the project runs the project's own checks (errors name the field).

    /** Fills the pruning and recovery panels from a project. */
    public static void fillPanels(Project p, dev.rankadaptor.ui.pruning.PruningViewModel pruning,
                                  dev.rankadaptor.ui.recovery.RecoverySearchViewModel recovery) {
        pruning.load(p.pruning(), p.presetKind());
        recovery.load(p);
    }

    /**
     * {@code base} (name, checkpoint, baselines, preset) with the panels' sections. Throws the first
     * refused edit's InvalidFieldException (or the project's own) naming the field.
     */
    public static Project buildProject(Project base, dev.rankadaptor.ui.pruning.PruningViewModel pruning,
                                       dev.rankadaptor.ui.recovery.RecoverySearchViewModel recovery) {
        recovery.data().check();
        return new Project(base.name(), base.checkpoint(), pruning.section(), recovery.recovery(), recovery.search(),
                recovery.data().evaluation(), base.baselines(), recovery.device(), recovery.seed(), base.preset(),
                recovery.execution());
    }
}
