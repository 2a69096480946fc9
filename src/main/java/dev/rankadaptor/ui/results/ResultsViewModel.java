package dev.rankadaptor.ui.results;

import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.reference.RankConfigRow;
import dev.rankadaptor.reference.RankConfigTable;
import dev.rankadaptor.ui.charts.HeatmapData;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.List;

/**
 * The Results panel: our own method rows (set by the run or a results file) plus the paper's rows
 * of the reference block the user picks, in one {@link ResultsTableModel}; and the paper's Table 10
 * rank configurations as a configurations x layers grid. Rows of Table 10 that are malformed in the
 * paper are named, and those that cannot be drawn as a full row are left out of the grid, never
 * padded or corrected.
 */
public final class ResultsViewModel {
    private final PaperReference reference;
    private final ResultsTableModel table;
    private final ObservableList<ReferenceBlock> blocks;
    private final ObjectProperty<ReferenceBlock> selectedBlock = new SimpleObjectProperty<>(this, "selectedBlock");
    private final List<ResultsRow> ownRows = new ArrayList<>();
    /** The results table our rows come from (null when they were set as rows, or none are shown). */
    private dev.rankadaptor.experiment.ResultsTable ownTable;
    private final List<ResultsRow> lmEvalRows = new ArrayList<>();
    private final javafx.beans.property.StringProperty lmEvalStatus = new javafx.beans.property.SimpleStringProperty(this, "lmEvalStatus", "");
    private final AdapterExportViewModel adapters = new AdapterExportViewModel();
    private final javafx.beans.property.StringProperty exportStatus = new javafx.beans.property.SimpleStringProperty(this, "exportStatus", "");

    public ResultsViewModel(PaperReference reference) {
        this.reference = reference;
        this.table = new ResultsTableModel(reference.tables().tasks());
        this.blocks = FXCollections.observableArrayList(ReferenceBlock.all(reference.tables()));
        selectedBlock.addListener((o, a, b) -> rebuild());
        selectedBlock.set(blocks.isEmpty() ? null : blocks.get(0));
    }

    /** "Export adapter (PEFT)…" of the open run. */
    public AdapterExportViewModel adapters() {
        return adapters;
    }

    public ResultsTableModel table() {
        return table;
    }

    /** Paper blocks the user can show as reference rows. */
    public ObservableList<ReferenceBlock> blocks() {
        return blocks;
    }

    public ObjectProperty<ReferenceBlock> selectedBlockProperty() {
        return selectedBlock;
    }

    /**
     * Shows a run's results table as our rows (in the paper's task columns, percent); the export
     * writes this table itself. Null shows none.
     */
    public void setOwnTable(dev.rankadaptor.experiment.ResultsTable t) {
        setOwnRows(t == null ? List.of() : ownRows(t, table.tasks()));
        ownTable = t;
    }

    /**
     * Our measured rows of {@code table} in the columns {@code paperTasks} (paper display names such
     * as "BoolQ", "ARC-e"); a task the run did not evaluate is NaN (shown empty). The average is the
     * run's own average over the tasks it evaluated.
     */
    public static List<ResultsRow> ownRows(dev.rankadaptor.experiment.ResultsTable table, List<String> paperTasks) {
        List<ResultsRow> out = new ArrayList<>();
        for (dev.rankadaptor.experiment.MethodRow m : table.measuredRows()) {
            double[] scores = new double[paperTasks.size()];
            double[] std = new double[paperTasks.size()];
            for (int i = 0; i < paperTasks.size(); i++) {
                dev.rankadaptor.experiment.ScoreCell cell = cellFor(m, table.tasks(), paperTasks.get(i));
                scores[i] = cell == null ? Double.NaN : cell.mean() * 100;
                std[i] = cell == null || cell.std() == null ? Double.NaN : cell.std() * 100;
            }
            dev.rankadaptor.experiment.ScoreCell avg = m.average();
            out.add(new ResultsRow(m.label(), false, scores, std, avg.mean() * 100,
                    avg.std() == null ? Double.NaN : avg.std() * 100, avg.n(),
                    m.parameters() == null ? "" : m.parameters().describe()));
        }
        return out;
    }

    private static dev.rankadaptor.experiment.ScoreCell cellFor(dev.rankadaptor.experiment.MethodRow m, List<String> tasks,
                                                              String paperTask) {
        String id = taskId(paperTask);
        return tasks.contains(id) ? m.cell(id) : null;
    }

    /** A column's task id ("ARC-e" -> "arc_easy"); a name that is no task stays as it is. */
    private static String taskId(String column) {
        try {
            return dev.rankadaptor.eval.TaskKind.parse(column).id();
        } catch (RuntimeException e) {
            return column;
        }
    }

    /** Replaces our own rows (mean over repeats, with std), keeping the selected paper rows. */
    public void setOwnRows(List<ResultsRow> rows) {
        ownTable = null;
        ownRows.clear();
        ownRows.addAll(rows);
        rebuild();
    }

    private void rebuild() {
        List<ResultsRow> all = new ArrayList<>(ownRows);
        ReferenceBlock b = selectedBlock.get();
        if (b != null) {
            all.addAll(b.toResultsRows());
        }
        all.addAll(lmEvalRows);
        table.setRows(all);
    }

    /**
     * Reads an lm-evaluation-harness results JSON in the background and adds it as a reference row
     * (ranked with the paper's rows, apart from ours); the outcome appears in {@link #lmEvalStatusProperty()}.
     *
     * @param label row label, or null for "lm-eval: &lt;model&gt;"
     */
    public void addLmEvalResults(java.nio.file.Path file, String label, dev.rankadaptor.ui.exec.UiExecutor executor) {
        List<String> tasks = table.tasks();
        lmEvalStatus.set("reading " + file.getFileName() + " …");
        executor.submit("read lm-eval results " + file, token -> lmEvalRow(dev.rankadaptor.eval.LmEvalResults.read(file), label, tasks),
                row -> {
                    lmEvalRows.add(row);
                    rebuild();
                    lmEvalStatus.set("added " + row.label());
                }, e -> lmEvalStatus.set("lm-eval results not added: " + e.getMessage()));
    }

    /** Removes every lm-eval reference row. */
    public void clearLmEvalResults() {
        lmEvalRows.clear();
        rebuild();
        lmEvalStatus.set("");
    }

    public javafx.beans.property.StringProperty lmEvalStatusProperty() {
        return lmEvalStatus;
    }

    /** The file's reported metric per task in the table's columns (paper task names), in percent like the paper's rows. */
    static ResultsRow lmEvalRow(dev.rankadaptor.eval.LmEvalResults r, String label, List<String> tasks) {
        double[] scores = new double[tasks.size()];
        boolean any = false;
        for (int i = 0; i < tasks.size(); i++) {
            dev.rankadaptor.eval.MetricValue v = r.reported(dev.rankadaptor.eval.TaskKind.parse(tasks.get(i)));
            scores[i] = v == null ? Double.NaN : v.value() * 100;
            any |= v != null;
        }
        if (!any) {
            throw new dev.rankadaptor.common.UserInputException(r.source() + ": has none of the table's tasks " + tasks);
        }
        double avg = java.util.Arrays.stream(scores).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN);
        String shown = label == null || label.isBlank() ? dev.rankadaptor.pipeline.LmEvalRows.defaultLabel(r) : label.strip();
        return new ResultsRow(shown, true, scores, null, avg, Double.NaN, 0);
    }

    /** Export formats by file extension. */
    public enum ExportFormat { CSV, MARKDOWN, LATEX }

    /**
     * The table the export writes: the shown run's results table (as the run's own results.csv /
     * .md / .tex have it) plus the reference rows shown (the chosen paper block, lm-eval rows) over
     * the run's tasks; without a run, the reference rows over the panel's task columns.
     */
    public dev.rankadaptor.experiment.ResultsTable exportTable() {
        List<String> tasks = ownTable != null ? ownTable.tasks() : table.tasks().stream().map(ResultsViewModel::taskId).toList();
        List<dev.rankadaptor.experiment.MethodRow> rows = new ArrayList<>(ownTable == null ? List.of() : ownTable.rows());
        if (table.isShowReference()) {
            ReferenceBlock b = selectedBlock.get();
            if (b != null) {
                addReference(rows, tasks, b.toResultsRows(), "paper", "RankAdaptor paper, " + b.label());
            }
            addReference(rows, tasks, lmEvalRows, "lm_eval", "lm-evaluation-harness results file");
        }
        return new dev.rankadaptor.experiment.ResultsTable(tasks, rows);
    }

    private void addReference(List<dev.rankadaptor.experiment.MethodRow> out, List<String> tasks, List<ResultsRow> shown,
                              String idPrefix, String source) {
        for (ResultsRow r : shown) {
            java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
            for (int c = 0; c < table.tasks().size(); c++) {
                String id = taskId(table.tasks().get(c));
                if (tasks.contains(id) && !Double.isNaN(r.scores()[c])) {
                    values.put(id, r.scores()[c] / 100);
                }
            }
            if (!values.isEmpty()) {
                out.add(dev.rankadaptor.experiment.MethodRow.reference(idPrefix + "_" + (out.size() + 1), r.label(), source, values,
                        Double.isNaN(r.printedAvg()) ? null : r.printedAvg() / 100));
            }
        }
    }

    /**
     * Writes the shown table ({@link #exportTable()}) to {@code file} in the background (atomically)
     * with the run report's own exporter ({@code experiment.ResultsExport}), so a table saved from
     * the panel reads like the run's results.csv / .md / .tex; the outcome appears in
     * {@link #exportStatusProperty()}. The text is built on the calling (UI) thread, from what is
     * shown at the moment of the click.
     */
    public void export(java.nio.file.Path file, ExportFormat format, dev.rankadaptor.ui.exec.UiExecutor executor) {
        dev.rankadaptor.experiment.ResultsTable shown = exportTable();
        String text = switch (format) {
            case CSV -> dev.rankadaptor.experiment.ResultsExport.csv(shown);
            case MARKDOWN -> dev.rankadaptor.experiment.ResultsExport.markdown(shown);
            case LATEX -> dev.rankadaptor.experiment.ResultsExport.latex(shown);
        };
        exportStatus.set("writing " + file.getFileName() + " …");
        executor.submit("export " + file, token -> {
            dev.rankadaptor.common.AtomicFiles.writeString(file, text);
            return file;
        }, f -> exportStatus.set("wrote " + f), e -> exportStatus.set("export failed: " + e.getMessage()));
    }

    public javafx.beans.property.StringProperty exportStatusProperty() {
        return exportStatus;
    }

    /** Table 10 as configurations x layers; rows whose length is not the layer count are left out. */
    public HeatmapData table10Heatmap() {
        RankConfigTable t10 = reference.rankConfigs();
        List<String> labels = new ArrayList<>();
        List<int[]> rows = new ArrayList<>();
        for (RankConfigRow r : t10.rows()) {
            if (r.ranks().size() != t10.layerCount()) {
                continue;
            }
            boolean flagged = !r.problems(t10.layerCount(), t10.candidateRanks()).isEmpty();
            labels.add(r.label() + (flagged ? " (!)" : ""));
            rows.add(r.ranks().stream().mapToInt(Integer::intValue).toArray());
        }
        return HeatmapData.rowsByLayers(labels, rows, t10.layerCount());
    }

    /** One line per malformed Table 10 row, saying what is wrong and whether it is drawn. */
    public List<String> table10Notes() {
        RankConfigTable t10 = reference.rankConfigs();
        List<String> out = new ArrayList<>();
        for (RankConfigRow r : t10.malformedRows()) {
            boolean drawn = r.ranks().size() == t10.layerCount();
            out.add(r.label() + ": " + String.join("; ", r.problems(t10.layerCount(), t10.candidateRanks()))
                    + (drawn ? " (drawn as printed, marked (!))" : " (not drawn)"));
        }
        return out;
    }
}
