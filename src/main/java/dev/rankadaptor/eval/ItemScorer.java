package dev.rankadaptor.eval;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.model.ContinuationScore;
import dev.rankadaptor.model.ContinuationScorer;

import java.util.ArrayList;
import java.util.List;

/**
 * Scores one {@link EvalItem} with a {@link ContinuationScorer}: multiple-choice items through
 * one shared-context call (or per pair, for checking), WinoGrande items one pair per option
 * because their contexts differ.
 */
public final class ItemScorer {
    private final ContinuationScorer scorer;
    private final PairEncoder encoder;
    private final ScoringMode mode;

    public ItemScorer(ContinuationScorer scorer, PairEncoder encoder, ScoringMode mode) {
        this.scorer = Check.notNull("scorer", scorer);
        this.encoder = Check.notNull("encoder", encoder);
        this.mode = Check.notNull("mode", mode);
    }

    public ItemOutcome score(EvalItem item) {
        if (item instanceof McItem mc) {
            return scoreChoices(mc);
        }
        return scorePartial((PartialItem) item);
    }

    private ItemOutcome scoreChoices(McItem item) {
        List<EncodedPair> pairs = encoder.encodeShared(item.context(), item.continuations());
        double[] ll = new double[pairs.size()];
        if (mode == ScoringMode.SHARED) {
            List<int[]> conts = new ArrayList<>(pairs.size());
            for (EncodedPair p : pairs) {
                conts.add(p.continuation());
            }
            List<ContinuationScore> scores = scorer.scoreShared(pairs.get(0).context(), conts);
            if (scores.size() != ll.length) {
                throw new IllegalStateException("scorer returned " + scores.size() + " scores for " + ll.length + " continuations");
            }
            for (int i = 0; i < ll.length; i++) {
                ll[i] = scores.get(i).logLikelihood();
            }
        } else {
            for (int i = 0; i < ll.length; i++) {
                ll[i] = scorer.score(pairs.get(i).context(), pairs.get(i).continuation()).logLikelihood();
            }
        }
        double[] norm = new double[ll.length];
        for (int i = 0; i < ll.length; i++) {
            norm[i] = ll[i] / item.normLength(i);
        }
        return new ItemOutcome(ll, ItemOutcome.argmax(ll), ItemOutcome.argmax(norm), item.gold());
    }

    private ItemOutcome scorePartial(PartialItem item) {
        double[] ll = new double[item.choiceCount()];
        for (int i = 0; i < ll.length; i++) {
            EncodedPair p = encoder.encode(item.contexts().get(i), item.continuation());
            ll[i] = scorer.score(p.context(), p.continuation()).logLikelihood();
        }
        return new ItemOutcome(ll, ItemOutcome.argmax(ll), -1, item.gold());
    }
}
