package dev.rankadaptor.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Offline meta-learning initialisation (paper §3.2 "offline meta-learning", §3.3 Initialization).
 *
 * <p>Method: pooled pretraining with per-source target standardisation. Every source's scores are
 * z-scored with that source's own mean and std, the sources are pooled, and the model is trained on
 * the pooled set from the seed's initial weights. The run then fine-tunes from these weights on its
 * own trials, with its own target standardisation.
 *
 * <p>Why this and not e.g. Reptile/MAML: the paper leaves the method open; what transfers between
 * tasks is the <em>shape</em> of the rank-to-score response (which layers want more rank), while
 * the level and spread of scores differ by task (BoolQ ~65%, ARC-c ~37%). Per-source z-scoring
 * removes level and scale, so the pooled fit learns the shared shape; the run's own standardisation
 * restores its level. Trial banks are small (tens of trials per source) and few sources exist,
 * which is the regime where Reptile's inner/outer loops have too little data per task to help and
 * add hyper-parameters, while pooled pretraining is a plain regression that is deterministic,
 * cheap, and fails safe: an unrelated bank only gives a starting point that the run's own trials
 * then override. Sources with fewer than two trials (no spread to standardise) are skipped.
 */
public final class MetaLearner {
    private MetaLearner() {
    }

    /**
     * Re-initialises {@code model} from its seed and pretrains it on the bank for {@code epochs}.
     * Leaves the model with identity standardisation (its outputs are in z units until the run fits it).
     *
     * @return the final pooled training loss in z units
     */
    public static double pretrain(PerformanceModel model, TrialBank bank, int epochs) {
        RankSpace space = model.space();
        List<int[]> ranks = new ArrayList<>();
        List<Double> z = new ArrayList<>();
        for (TrialBank.Source source : bank.sources()) {
            List<TrialRecord> trials = source.trials();
            if (trials.size() < 2) {
                continue;
            }
            double[] scores = trials.stream().mapToDouble(TrialRecord::score).toArray();
            double mean = NoiseStats.mean(scores);
            double std = NoiseStats.std(scores);
            if (!(std > 1e-9)) {
                std = 1;
            }
            for (int i = 0; i < trials.size(); i++) {
                ranks.add(space.require("bank[" + source.name() + "].trials[" + i + "].ranks", trials.get(i).ranks()));
                z.add((scores[i] - mean) / std);
            }
        }
        model.reinitialize();
        if (ranks.isEmpty()) {
            return Double.NaN;
        }
        float[] x = model.scaledRows(ranks);
        float[] target = new float[z.size()];
        for (int i = 0; i < target.length; i++) {
            target[i] = z.get(i).floatValue();
        }
        return model.train(x, target, target.length, epochs);
    }
}
