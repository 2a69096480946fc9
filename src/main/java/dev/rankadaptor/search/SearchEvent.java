package dev.rankadaptor.search;

/**
 * One journalled event of an asynchronous search, for replay on resume, in journal order: a trial
 * was started (its ranks, phase and prediction as decided then), its measurement arrived, or it
 * failed for good. The interleaving of starts and arrivals is what made each decision, so replaying
 * it through the same code rebuilds the same model and continues as the uninterrupted run would.
 *
 * @param kind      what happened
 * @param index     the strategy's trial index
 * @param ranks     STARTED: the ranks of the prunable layers
 * @param phase     STARTED: why it ran
 * @param predicted STARTED: the prediction made then (NaN: none)
 * @param record    FINISHED: the measurement
 */
public record SearchEvent(Kind kind, int index, int[] ranks, TrialPhase phase, double predicted, TrialRecord record) {
    /** Event kinds. */
    public enum Kind { STARTED, FINISHED, FAILED }

    public SearchEvent {
        if (kind == null || index < 0) {
            throw new IllegalArgumentException("an event needs a kind and an index >= 0");
        }
        if (kind == Kind.STARTED && (ranks == null || phase == null)) {
            throw new IllegalArgumentException("a started event needs ranks and a phase");
        }
        if (kind == Kind.FINISHED && record == null) {
            throw new IllegalArgumentException("a finished event needs its record");
        }
        ranks = ranks == null ? null : ranks.clone();
    }

    public static SearchEvent started(int index, int[] ranks, TrialPhase phase, double predicted) {
        return new SearchEvent(Kind.STARTED, index, ranks, phase, predicted, null);
    }

    public static SearchEvent finished(TrialRecord record) {
        return new SearchEvent(Kind.FINISHED, record.index(), null, null, Double.NaN, record);
    }

    public static SearchEvent failed(int index) {
        return new SearchEvent(Kind.FAILED, index, null, null, Double.NaN, null);
    }

    @Override
    public int[] ranks() {
        return ranks == null ? null : ranks.clone();
    }
}
