package dev.rankadaptor.pipeline;

import dev.rankadaptor.eval.Subset;
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
    private final Subset searchSubset;
    private final Subset finalSubset;
    private final int baseRank;
    private int nextIndex;
    private final java.util.Map<String, JournalRecord.TrialFinished> searchMeasurements = new java.util.HashMap<>();

    RunContext(Journal journal, TrialWorkspace workspace, RunListener listener, Subset searchSubset, Subset finalSubset,
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

    Subset searchSubset() {
        return searchSubset;
    }

    Subset finalSubset() {
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
        if (t.phase().equals("initial") || t.phase().equals("search") || t.phase().equals("baseline")) {
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
