package dev.rankadaptor.pipeline;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.eval.Subset;
import dev.rankadaptor.experiment.ItemPart;

/**
 * Which items a trial is scored on: a part of the run's item split (selection for search trials,
 * report for the final table) and the project's subset of that part.
 *
 * @param part   SELECTION or REPORT
 * @param subset all / first N / random N of the part's items
 */
public record EvalScope(ItemPart part, Subset subset) {
    public EvalScope {
        Check.notNull("part", part);
        Check.notNull("subset", subset);
    }

    public static EvalScope selection(Subset subset) {
        return new EvalScope(ItemPart.SELECTION, subset);
    }

    public static EvalScope report(Subset subset) {
        return new EvalScope(ItemPart.REPORT, subset);
    }
}
