package dev.rankadaptor.eval;

import java.util.List;

/**
 * OpenBookQA (main config rows): the context is the bare question_stem, choices are choices.text,
 * gold = position of answerKey (stripped) in A..D. The original release's rows
 * ({@code question.stem}, {@code question.choices[].text}, answerKey) give the same item.
 */
final class OpenBookQaTask implements TaskDefinition {
    private static final String LETTERS = "ABCD";

    @Override
    public TaskKind kind() {
        return TaskKind.OPENBOOKQA;
    }

    @Override
    public String layout(DataRow row) {
        return ArcTask.isOriginal(row) ? "original OpenBookQA release" : null;
    }

    @Override
    public EvalItem toItem(DataRow row) {
        boolean original = ArcTask.isOriginal(row);
        String stem = original ? row.text("question.stem") : row.text("question_stem");
        List<String> choices = original ? row.memberTexts("question.choices", "text", 2) : row.texts("choices.text", 2);
        String key = row.text("answerKey").strip();
        int gold = key.length() == 1 ? LETTERS.indexOf(key.charAt(0)) : -1;
        if (gold < 0 || gold >= choices.size()) {
            throw row.fieldError("answerKey", "is '" + key + "' (expected a letter A..D naming one of "
                    + choices.size() + " choices)");
        }
        return McItem.ofChoices(stem, choices, gold);
    }
}
