package dev.rankadaptor.ui.backend;

import dev.rankadaptor.pipeline.ParameterCounter;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.ui.trials.TrialRow;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts journal records and result tables into the rows the workbench shows: the RankAdaptor
 * search trials become trials-table rows (baselines and repeats are not search trials; they are
 * summarised as baseline lines and result rows; {@code ResultsViewModel.ownRows} turns a results
 * table into the Results panel's rows).
 */
public final class JournalRows {
    private JournalRows() {
    }

    /** True for the trials the search chose (shown in the trials table, heatmap, scatter, convergence). */
    public static boolean isSearchTrial(JournalRecord.TrialFinished t) {
        return t.method() == RecoveryMethod.RANKADAPTOR && t.phase() != TrialPhase.REPEAT;
    }

    public static TrialRow trialRow(JournalRecord.TrialFinished t) {
        return trialRow(t, null);
    }

    /** With the trial's trainable parameters when {@code counter} knows the pruned model. */
    public static TrialRow trialRow(JournalRecord.TrialFinished t, ParameterCounter counter) {
        double[] tasks = t.taskScores().values().stream().mapToDouble(Double::doubleValue).toArray();
        var params = counter == null ? null : counter.count(t.rankArray());
        return new TrialRow(t.index(), t.phase().id(), t.rankArray(), t.predicted() == null ? Double.NaN : t.predicted(),
                t.score(), tasks, params == null ? "" : params.describe());
    }

    /** A RankAdaptor search trial that failed for good, as a row without a measurement. */
    public static TrialRow failedRow(JournalRecord.TrialStarted started, JournalRecord.TrialFailed failed) {
        return new TrialRow(started.index(), started.phase().id(), started.rankArray(),
                started.predicted() == null ? Double.NaN : started.predicted(), Double.NaN, new double[0], "", failed.message());
    }

    /** True for the trials the search chose, from their start record. */
    public static boolean isSearchTrial(JournalRecord.TrialStarted t) {
        return t.method() == RecoveryMethod.RANKADAPTOR && t.phase() != TrialPhase.REPEAT;
    }

    /** The search trials of a journal that failed for good, in journal order. */
    public static List<TrialRow> failedSearchRows(List<JournalRecord> records) {
        java.util.Map<Integer, JournalRecord.TrialStarted> started = new java.util.HashMap<>();
        List<TrialRow> out = new ArrayList<>();
        for (JournalRecord r : records) {
            if (r instanceof JournalRecord.TrialStarted t) {
                started.put(t.index(), t);
            } else if (r instanceof JournalRecord.TrialFailed f && started.containsKey(f.index())
                    && isSearchTrial(started.get(f.index()))) {
                out.add(failedRow(started.get(f.index()), f));
            }
        }
        return out;
    }

    /** The search trials of a replayed journal, in journal order. */
    public static List<TrialRow> trialRows(List<JournalRecord.TrialFinished> finished) {
        return trialRows(finished, null);
    }

    public static List<TrialRow> trialRows(List<JournalRecord.TrialFinished> finished, ParameterCounter counter) {
        List<TrialRow> out = new ArrayList<>();
        for (JournalRecord.TrialFinished t : finished) {
            if (isSearchTrial(t)) {
                out.add(trialRow(t, counter));
            }
        }
        return out;
    }
}
