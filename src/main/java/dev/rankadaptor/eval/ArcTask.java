package dev.rankadaptor.eval;

import java.util.List;

/**
 * ARC-Easy / ARC-Challenge (ai2_arc rows): "Question: {question}\nAnswer:" with choices.text; the
 * gold index is the position of answerKey in A..E after mapping numeric keys "1".."5" to A..E
 * (as the harness does; a few ARC rows use numeric labels). The original ARC release's rows
 * ({@code question.stem}, {@code question.choices[].text}, answerKey) give the same item.
 */
final class ArcTask implements TaskDefinition {
    private static final String LETTERS = "ABCDE";
    private final TaskKind kind;

    ArcTask(TaskKind kind) {
        this.kind = kind;
    }

    @Override
    public TaskKind kind() {
        return kind;
    }

    @Override
    public EvalItem toItem(DataRow row) {
        boolean original = isOriginal(row);
        String question = original ? row.text("question.stem") : row.text("question");
        List<String> choices = original ? row.memberTexts("question.choices", "text", 2) : row.texts("choices.text", 2);
        int gold = goldIndex(row, row.text("answerKey"), choices.size());
        return McItem.ofChoices("Question: " + question + "\nAnswer:", choices, gold);
    }

    @Override
    public String layout(DataRow row) {
        return isOriginal(row) ? "original ARC release" : null;
    }

    /** The original releases of ARC and OpenBookQA nest the question: {"question": {"stem", "choices"}}. */
    static boolean isOriginal(DataRow row) {
        return row.node().path("question").isObject();
    }

    /** Maps "A".."E" or "1".."5" to 0..4 and checks it names an existing choice. */
    static int goldIndex(DataRow row, String key, int choiceCount) {
        String k = key.strip();
        int idx = -1;
        if (k.length() == 1) {
            char c = k.charAt(0);
            idx = c >= '1' && c <= '5' ? c - '1' : LETTERS.indexOf(c);
        }
        if (idx < 0 || idx >= choiceCount) {
            throw row.fieldError("answerKey", "is '" + key + "' (expected one of "
                    + String.join(",", LETTERS.substring(0, Math.min(choiceCount, 5)).split(""))
                    + " or 1.." + Math.min(choiceCount, 5) + " for " + choiceCount + " choices)");
        }
        return idx;
    }
}
