package dev.rankadaptor.eval;

import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;

/**
 * A multiple-choice item: one context and one continuation per choice, each continuation being
 * the harness' target delimiter (one space) followed by the choice text. The shared context lets
 * the scorer process it once for all choices.
 *
 * @param context       prompt text, e.g. "Question: ...\nAnswer:"
 * @param continuations " " + choice text, one per choice
 * @param gold          index of the correct continuation
 */
public record McItem(String context, List<String> continuations, int gold) implements EvalItem {
    /** The harness' target delimiter put in front of every choice. */
    public static final String DELIMITER = " ";

    public McItem {
        Check.notNull("context", context);
        Check.notNull("continuations", continuations);
        continuations = List.copyOf(continuations);
        if (continuations.size() < 2) {
            throw new InvalidFieldException("continuations", "must hold at least 2 choices, was " + continuations.size());
        }
        for (String c : continuations) {
            if (!c.startsWith(DELIMITER)) {
                throw new InvalidFieldException("continuations", "each must start with the delimiter ' ', was '" + c + "'");
            }
        }
        Check.inRange("gold", gold, 0, continuations.size() - 1);
    }

    /** Builds an item from raw choice texts, prefixing each with the delimiter as the harness does. */
    public static McItem ofChoices(String context, List<String> choices, int gold) {
        return new McItem(context, choices.stream().map(c -> DELIMITER + c).toList(), gold);
    }

    @Override
    public int choiceCount() {
        return continuations.size();
    }

    /**
     * Length used by acc_norm: the harness divides by {@code len(choice)}, the choice text without
     * the delimiter, counted in Python characters (Unicode code points, not UTF-16 units).
     */
    public int normLength(int choice) {
        String c = continuations.get(choice);
        return c.codePointCount(0, c.length()) - DELIMITER.length();
    }
}
