package dev.rankadaptor.eval;

import java.util.List;

/**
 * ARC-Easy / ARC-Challenge (ai2_arc rows): "Question: {question}\nAnswer:" with choices.text; the
 * gold index is the position of answerKey in A..E after mapping numeric keys "1".."5" to A..E
 * (as the harness does; a few ARC rows use numeric labels).
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
        String question = row.text("question");
        List<String> choices = row.texts("choices.text", 2);
        int gold = goldIndex(row, row.text("answerKey"), choices.size());
        return McItem.ofChoices("Question: " + question + "\nAnswer:", choices, gold);
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
