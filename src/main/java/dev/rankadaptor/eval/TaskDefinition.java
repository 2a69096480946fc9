package dev.rankadaptor.eval;

/**
 * How one task turns a dataset row into an {@link EvalItem}: the harness' prompt, choices and
 * gold index. Implementations throw {@link dev.rankadaptor.common.UserInputException} (via
 * {@link DataRow}) for rows that do not fit the task's Hugging Face row format.
 */
public interface TaskDefinition {
    TaskKind kind();

    EvalItem toItem(DataRow row);
}
