package dev.rankadaptor.eval;

import java.util.List;

/** PIQA: "Question: {goal}\nAnswer:" with choices sol1 / sol2, gold = label (0/1). */
final class PiqaTask implements TaskDefinition {
    @Override
    public TaskKind kind() {
        return TaskKind.PIQA;
    }

    @Override
    public EvalItem toItem(DataRow row) {
        String goal = row.text("goal");
        List<String> choices = List.of(row.text("sol1"), row.text("sol2"));
        int gold = row.index("label", 0, 1);
        return McItem.ofChoices("Question: " + goal + "\nAnswer:", choices, gold);
    }
}
