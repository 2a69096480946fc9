package dev.rankadaptor.eval;

import java.util.List;

/**
 * OpenBookQA (main config rows): the context is the bare question_stem, choices are choices.text,
 * gold = position of answerKey (stripped) in A..D.
 */
final class OpenBookQaTask implements TaskDefinition {
    private static final String LETTERS = "ABCD";

    @Override
    public TaskKind kind() {
        return TaskKind.OPENBOOKQA;
    }

    @Override
    public EvalItem toItem(DataRow row) {
        String stem = row.text("question_stem");
        List<String> choices = row.texts("choices.text", 2);
        String key = row.text("answerKey").strip();
        int gold = key.length() == 1 ? LETTERS.indexOf(key.charAt(0)) : -1;
        if (gold < 0 || gold >= choices.size()) {
            throw row.fieldError("answerKey", "is '" + key + "' (expected a letter A..D naming one of "
                    + choices.size() + " choices)");
        }
        return McItem.ofChoices(stem, choices, gold);
    }
}
