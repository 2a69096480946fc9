package dev.rankadaptor.pipeline;

import dev.rankadaptor.eval.Subset;
import dev.rankadaptor.experiment.Journal;

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

    synchronized int nextTrialIndex() {
        return nextIndex++;
    }
}
