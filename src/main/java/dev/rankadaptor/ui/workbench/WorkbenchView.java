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
 * Charts, Results, Trials). JavaFX lays out and styles hidden tab content too, so during a run
 * every new trial made the hidden trials table build rows and cells on the FX thread (up to 90 ms
 * of FX time in one pulse on 2 cores); panels without charts therefore leave the scene graph while
 * their tab is hidden, keep their models, and catch up when shown.
 */
public final class WorkbenchView extends BorderPane {
    public static final String CHECKPOINT = "Checkpoint";
    public static final String PRUNING = "Pruning";
    public static final String RECOVERY = "Recovery & Search";
    public static final String RUN = "Run";
    public static final String CHARTS = "Charts";
    public static final String RESULTS = "Results";
    public static final String TRIALS = "Trials";

    /** Default window size; fits Monocle's default 1280x800 headless screen used by tests and screenshots. */
    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    /** A workbench scene over {@code vm} in the light theme (the window, the tests, the UI bench and the screenshots). */
    public static javafx.scene.Scene scene(WorkbenchViewModel vm) {
        WorkbenchView view = new WorkbenchView(vm);
        javafx.scene.Scene scene = new javafx.scene.Scene(view, WIDTH, HEIGHT);
        scene.setUserData(view);
        WorkbenchTheme.LIGHT.apply(scene);
        return scene;
    }

    private final TabPane tabs = new TabPane();
    private final Map<String, Tab> byName = new LinkedHashMap<>();
    private final Map<Tab, Node> panels = new LinkedHashMap<>();
    /**
     * Panels without ChartFX charts, which leave the scene graph while hidden. Chart panels stay:
     * a ChartFX chart entering a scene read-locks its data at once and unlocks it only in the next
     * pulse, so a data update in between (on the FX thread) would wait on that lock forever.
     */
    private static final java.util.Set<String> DETACHED_WHEN_HIDDEN = java.util.Set.of(CHECKPOINT, RECOVERY, TRIALS);
    private final ChartsView charts;
    private final ResultsView results;
    private final TrialsView trials;
    private final dev.rankadaptor.ui.charts.LossCurveChart lossChart;

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
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (was != null && DETACHED_WHEN_HIDDEN.contains(was.getText())) {
                was.setContent(null);
            }
            if (now != null && now.getContent() == null) {
                now.setContent(panels.get(now));
            }
            results.setTableShown(now != null && now.getText().equals(RESULTS));
        });
        setPanel(CHECKPOINT, new CheckpointView(vm.checkpoint()));
        PruningView pruning = new PruningView(vm.pruning());
        setPanel(PRUNING, withPngExport(pruning, pruning.widths(), "layer-widths", vm.executor()));
        setPanel(RECOVERY, new RecoverySearchView(vm.recovery(), vm.dataFiles()));
        RunView run = new RunView(vm.run(), vm.loss());
        lossChart = run.lossChart();
        setPanel(RUN, withPngExport(run, run.lossChart(), "loss-curve", vm.executor()));
        setPanel(CHARTS, charts);
        setPanel(RESULTS, results);
        setPanel(TRIALS, trials);
        results.setTableShown(byName.get(RESULTS).isSelected());
        setCenter(tabs);
        setBottom(new StatusBar(vm.statusBar()));
        setRight(new dev.rankadaptor.ui.drilldown.TrialDetailView(vm.trialDetail(), vm.runNotes()));
    }

    /**
     * Gives a panel's chart the "Save as PNG…" context menu and shows the export's outcome under
     * the panel (the line is there only while there is something to say).
     */
    private static Node withPngExport(Node panel, Node chart, String fileName, dev.rankadaptor.ui.exec.UiExecutor executor) {
        dev.rankadaptor.ui.charts.ChartPngExport png = new dev.rankadaptor.ui.charts.ChartPngExport(executor);
        png.install(chart, fileName);
        javafx.scene.control.Label status = new javafx.scene.control.Label();
        status.setId(fileName + "-png-status");
        status.textProperty().bind(png.statusProperty());
        status.visibleProperty().bind(png.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        status.setPadding(new javafx.geometry.Insets(2, 6, 2, 6));
        BorderPane box = new BorderPane(panel);
        box.setBottom(status);
        return box;
    }

    /** Installs a panel's content; it enters the scene graph while its tab is selected. */
    public void setPanel(String name, Node content) {
        Tab t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no panel named " + name);
        }
        panels.put(t, content);
        t.setContent(t.isSelected() || !DETACHED_WHEN_HIDDEN.contains(name) ? content : null);
    }

    /** A panel's content, whether or not its tab is shown. */
    public Node panel(String name) {
        return panels.get(byName.get(name));
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

    /** The Run panel's loss chart. */
    public dev.rankadaptor.ui.charts.LossCurveChart lossChart() {
        return lossChart;
    }

    /** The name of the panel in front. */
    public String shownPanel() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        return t == null ? CHECKPOINT : t.getText();
    }

    /** Whether a panel of this name exists. */
    public boolean hasPanel(String name) {
        return byName.containsKey(name);
    }
}
