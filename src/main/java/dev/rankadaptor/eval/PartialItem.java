package dev.rankadaptor.eval;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;

/**
 * A WinoGrande item under the harness' "partial evaluation": each option is substituted for the
 * blank and the sentence up to there is that option's context; all options share the rest of the
 * sentence as continuation. The winner is the context that makes the shared continuation most
 * likely, so each option is scored as its own (context, continuation) pair.
 *
 * @param contexts     sentence before "_" + option, one per option
 * @param continuation " " + sentence after "_", stripped
 * @param gold         index of the correct option
 */
public record PartialItem(List<String> contexts, String continuation, int gold) implements EvalItem {
    public PartialItem {
        Check.notNull("contexts", contexts);
        Check.notNull("continuation", continuation);
        contexts = List.copyOf(contexts);
        if (contexts.size() < 2) {
            throw new InvalidFieldException("contexts", "must hold at least 2 options, was " + contexts.size());
        }
        Check.inRange("gold", gold, 0, contexts.size() - 1);
    }

    @Override
    public int choiceCount() {
        return contexts.size();
    }
}
