package dev.rankadaptor.eval;

/**
 * How one task turns a dataset row into an {@link EvalItem}: the harness' prompt, choices and
 * gold index. Implementations accept the Hugging Face rows and, where it differs, the original
 * release's row layout, and throw {@link dev.rankadaptor.common.UserInputException} (via
 * {@link DataRow}) for rows that fit neither.
 */
public interface TaskDefinition {
    TaskKind kind();

    EvalItem toItem(DataRow row);

    /**
     * Which published row layout {@code row} has, for the Data files table: null for the Hugging
     * Face rows, else a short name such as "original ARC release".
     */
    default String layout(DataRow row) {
        return null;
    }
}
