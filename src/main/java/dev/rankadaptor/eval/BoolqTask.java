package dev.rankadaptor.eval;

import java.util.List;

/**
 * BoolQ as the harness poses it: "{passage}\nQuestion: {question}?\nAnswer:" followed by " yes" or
 * " no". Rows are super_glue/boolq ({question, passage, label 0/1}, label 1 = yes; a boolean label is read as yes/no too); the
 * google/boolq form with a boolean "answer" instead of "label" is accepted too.
 * Choice order is [" yes", " no"]; on an exact tie the harness picks "no", argmax here picks "yes".
 */
final class BoolqTask implements TaskDefinition {
    static final List<String> CHOICES = List.of("yes", "no");

    @Override
    public TaskKind kind() {
        return TaskKind.BOOLQ;
    }

    @Override
    public String layout(DataRow row) {
        return !row.has("label") && row.has("answer") ? "BoolQ release (answer true/false)" : null;
    }

    @Override
    public EvalItem toItem(DataRow row) {
        String passage = row.text("passage");
        String question = row.text("question");
        boolean yes;
        if (!row.has("label") && row.has("answer")) {
            yes = row.bool("answer");
        } else if (row.has("label") && row.node().get("label").isBoolean()) {
            yes = row.bool("label");
        } else {
            yes = row.index("label", 0, 1) == 1;
        }
        String context = passage + "\nQuestion: " + question + "?\nAnswer:";
        return McItem.ofChoices(context, CHOICES, yes ? 0 : 1);
    }
}
