package dev.rankadaptor.eval;

import java.util.List;

/**
 * WinoGrande with the harness' partial scoring: blank at the first "_"; per option the context is
 * sentence[:blank] + option, the shared continuation is " " + sentence[blank+1:].strip();
 * gold = answer "1"/"2" minus one.
 */
final class WinograndeTask implements TaskDefinition {
    @Override
    public TaskKind kind() {
        return TaskKind.WINOGRANDE;
    }

    @Override
    public EvalItem toItem(DataRow row) {
        String sentence = row.text("sentence");
        String option1 = row.text("option1");
        String option2 = row.text("option2");
        int answer = row.index("answer", 1, 2);
        int blank = sentence.indexOf('_');
        if (blank < 0) {
            throw row.fieldError("sentence", "has no blank '_' (expected a sentence with one '_' to fill)");
        }
        String before = sentence.substring(0, blank);
        String continuation = " " + sentence.substring(blank + 1).strip();
        return new PartialItem(List.of(before + option1, before + option2), continuation, answer - 1);
    }
}
