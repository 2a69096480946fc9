package dev.rankadaptor.search;

import java.util.List;

/**
 * The outcome of a search strategy run.
 *
 * @param trials          every trial, replayed ones included, in index order
 * @param best            the trial with the highest measured score (null when no trial finished)
 * @param reason          why it ended
 * @param message         human-readable explanation of the reason
 * @param model           the final performance model (null for strategies without one)
 * @param importance      the final per-layer importance (null without a model)
 * @param replayMismatch  index of the first replayed trial whose journalled ranks differ from what this run
 *                        would have chosen (journal kept as truth), or -1 when the replay agreed everywhere
 * @param threshold       the convergence threshold the search used (measured noise or fixed); NaN when none applied
 */
public record SearchResult(List<TrialRecord> trials, TrialRecord best, StopReason reason, String message,
                           ModelState model, RankImportance importance, int replayMismatch, double threshold) {
    public SearchResult {
        trials = List.copyOf(trials);
    }

    public SearchResult(List<TrialRecord> trials, TrialRecord best, StopReason reason, String message,
                        ModelState model, RankImportance importance, int replayMismatch) {
        this(trials, best, reason, message, model, importance, replayMismatch, Double.NaN);
    }

    /** Best measured score after each trial (for best-so-far curves). */
    public double[] bestSoFar() {
        double[] curve = new double[trials.size()];
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < curve.length; i++) {
            best = Math.max(best, trials.get(i).score());
            curve[i] = best;
        }
        return curve;
    }

    static TrialRecord bestOf(List<TrialRecord> trials) {
        TrialRecord best = null;
        for (TrialRecord t : trials) {
            if (best == null || t.score() > best.score()) {
                best = t;
            }
        }
        return best;
    }
}
