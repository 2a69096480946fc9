package dev.rankadaptor.eval;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * HellaSwag with the harness' cleaning of WikiHow artefacts. Context =
 * preprocess(activity_label + ": " + ctx_a + " " + capitalize(ctx_b)), choices =
 * preprocess(ending) for each of the endings, gold = int(label). The row's "ctx" field is not
 * used (the harness rebuilds the context from ctx_a and ctx_b).
 */
final class HellaswagTask implements TaskDefinition {
    private static final Pattern BRACKETED = Pattern.compile("\\[.*?\\]");

    @Override
    public TaskKind kind() {
        return TaskKind.HELLASWAG;
    }

    @Override
    public EvalItem toItem(DataRow row) {
        String label = row.text("activity_label");
        String ctxA = row.text("ctx_a");
        String ctxB = row.text("ctx_b");
        List<String> endings = row.texts("endings", 2);
        int gold = row.index("label", 0, endings.size() - 1);
        String context = preprocess(label + ": " + ctxA + " " + capitalize(ctxB));
        return McItem.ofChoices(context, endings.stream().map(HellaswagTask::preprocess).toList(), gold);
    }

    /**
     * The harness' cleaning: strip, " [title]" -> ". ", drop "[...]" (shortest match, not across
     * lines), then replace each non-overlapping pair of spaces by one (a single pass, as Python's
     * str.replace: three spaces become two).
     */
    static String preprocess(String text) {
        String t = text.strip();
        t = t.replace(" [title]", ". ");
        t = BRACKETED.matcher(t).replaceAll("");
        return t.replace("  ", " ");
    }

    /** Python's str.capitalize: first character to title case, all others to lower case. */
    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.codePointAt(0);
        int width = Character.charCount(first);
        return new StringBuilder(s.length())
                .appendCodePoint(Character.toTitleCase(first))
                .append(s.substring(width).toLowerCase(Locale.ROOT))
                .toString();
    }
}
