package dev.rankadaptor.ui.workbench;

import dev.rankadaptor.ui.checkpoint.CheckpointView;
import dev.rankadaptor.ui.pruning.PruningView;
import dev.rankadaptor.ui.recovery.RecoverySearchView;
import dev.rankadaptor.ui.results.ResultsView;
import dev.rankadaptor.ui.run.RunView;
import dev.rankadaptor.ui.trials.TrialsView;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The main window's content: one tab per panel (Checkpoint, Pruning, Recovery &amp; Search, Run,
 * Charts, Results, Trials). Panels whose back end is not wired yet are supplied by the caller
 * through {@link #setPanel}, so the shell does not depend on them.
 */
public final class WorkbenchView extends BorderPane {
    public static final String CHECKPOINT = "Checkpoint";
    public static final String PRUNING = "Pruning";
    public static final String RECOVERY = "Recovery & Search";
    public static final String RUN = "Run";
    public static final String CHARTS = "Charts";
    public static final String RESULTS = "Results";
    public static final String TRIALS = "Trials";

    private final TabPane tabs = new TabPane();
    private final Map<String, Tab> byName = new LinkedHashMap<>();
    private final ChartsView charts;
    private final ResultsView results;
    private final TrialsView trials;

    public WorkbenchView(WorkbenchViewModel vm) {
        setId("workbench");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        charts = new ChartsView(vm.trials(), vm.charts(), vm.executor());
        results = new ResultsView(vm.results(), vm.executor());
        trials = new TrialsView(vm.trials());
        for (String name : new String[] {CHECKPOINT, PRUNING, RECOVERY, RUN, CHARTS, RESULTS, TRIALS}) {
            Tab t = new Tab(name);
            t.setId("tab-" + name.toLowerCase().replaceAll("[^a-z]+", "-"));
            byName.put(name, t);
            tabs.getTabs().add(t);
        }
        setPanel(CHECKPOINT, new CheckpointView(vm.checkpoint()));
        setPanel(PRUNING, new PruningView(vm.pruning()));
        setPanel(RECOVERY, new RecoverySearchView(vm.recovery(), vm.dataFiles()));
        setPanel(RUN, new RunView(vm.run(), vm.loss()));
        setPanel(CHARTS, charts);
        setPanel(RESULTS, results);
        setPanel(TRIALS, trials);
        setCenter(tabs);
    }

    /** Installs a panel's content (used for the checkpoint, pruning and recovery panels). */
    public void setPanel(String name, Node content) {
        Tab t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no panel named " + name);
        }
        t.setContent(content);
    }

    /** Brings a panel to the front. */
    public void show(String name) {
        tabs.getSelectionModel().select(byName.get(name));
    }

    public TabPane tabs() {
        return tabs;
    }

    public ChartsView charts() {
        return charts;
    }

    public ResultsView results() {
        return results;
    }

    public TrialsView trials() {
        return trials;
    }
}
