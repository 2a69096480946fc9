package dev.rankadaptor.pipeline;

import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.experiment.Journal;
import dev.rankadaptor.experiment.JournalRecord;

/**
 * The shared state of one running experiment: its journal, workspace, listener, the next free
 * global trial index, and the settings every stage reads.
 */
final class RunContext {
    private final Journal journal;
    private final TrialWorkspace workspace;
    private final RunListener listener;
    private final EvalScope searchSubset;
    private final EvalScope finalSubset;
    private final int baseRank;
    private int nextIndex;
    private final java.util.Map<String, JournalRecord.TrialFinished> searchMeasurements = new java.util.HashMap<>();

    RunContext(Journal journal, TrialWorkspace workspace, RunListener listener, EvalScope searchSubset, EvalScope finalSubset,
               int baseRank, int nextIndex) {
        this.journal = journal;
        this.workspace = workspace;
        this.listener = listener;
        this.searchSubset = searchSubset;
        this.finalSubset = finalSubset;
        this.baseRank = baseRank;
        this.nextIndex = nextIndex;
    }

    Journal journal() {
        return journal;
    }

    TrialWorkspace workspace() {
        return workspace;
    }

    RunListener listener() {
        return listener;
    }

    /** Items search and random-search trials are scored on: the search subset of the selection part. */
    EvalScope searchSubset() {
        return searchSubset;
    }

    /** Items of the final table (repeats, baselines, no recovery): the final subset of the report part. */
    EvalScope finalSubset() {
        return finalSubset;
    }

    int baseRank() {
        return baseRank;
    }

    /**
     * Search-subset measurements by (ranks, seed): a trial is a pure function of them on the same
     * pruned model, so random search reuses RankAdaptor's identical initial trials instead of
     * training them again.
     */
    JournalRecord.TrialFinished measured(int[] fullRanks, long seed) {
        return searchMeasurements.get(key(fullRanks, seed));
    }

    void remember(JournalRecord.TrialFinished t) {
        if (t.phase() == TrialPhase.INITIAL || t.phase() == TrialPhase.SEARCH || t.phase() == TrialPhase.BASELINE) {
            searchMeasurements.putIfAbsent(key(t.rankArray(), t.seed()), t);
        }
    }

    private static String key(int[] ranks, long seed) {
        return java.util.Arrays.toString(ranks) + "@" + seed;
    }

    synchronized int nextTrialIndex() {
        return nextIndex++;
    }
}
