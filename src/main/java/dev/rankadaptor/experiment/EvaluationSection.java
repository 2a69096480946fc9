package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.eval.TaskKind;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The project file's {@code evaluation} section: which zero-shot tasks score a trial, where their
 * data lives, and which items are used for quick search-trial estimates versus final numbers.
 *
 * @param tasks        task ids (boolq, piqa, hellaswag, winogrande, arc_easy, arc_challenge, openbookqa); stored by harness id
 * @param taskFolder   folder with {@code <task>.jsonl} files, relative to the project folder or absolute
 * @param searchSubset      items scored in search trials, taken from the selection part
 * @param finalSubset       items scored for the final table (every method), taken from the report part
 * @param selectionFraction share of each task's items drawn (per run, from the project seed) into the
 *                          selection part; the rest is the report part. Ignored with a selection folder
 * @param selectionFolder   "" (none), or a folder with {@code <task>.jsonl} files used as the selection part
 *                          (e.g. the tasks' validation splits); then {@code taskFolder} is the report part, whole
 */
public record EvaluationSection(List<String> tasks, String taskFolder, SubsetSection searchSubset, SubsetSection finalSubset,
                                double selectionFraction, String selectionFolder) {
    /** Default share of the selection part: trials need a few hundred items, the report keeps most of them. */
    public static final double DEFAULT_SELECTION_FRACTION = 0.3;

    /** With the default selection fraction and no selection folder. */
    public EvaluationSection(List<String> tasks, String taskFolder, SubsetSection searchSubset, SubsetSection finalSubset) {
        this(tasks, taskFolder, searchSubset, finalSubset, DEFAULT_SELECTION_FRACTION, "");
    }

    public EvaluationSection {
        List<String> given = Fields.nonEmptyList("evaluation.tasks", tasks);
        List<String> ids = new ArrayList<>(given.size());
        for (int i = 0; i < given.size(); i++) {
            try {
                ids.add(TaskKind.parse(given.get(i)).id());
            } catch (UserInputException e) {
                throw new InvalidFieldException("evaluation.tasks[" + i + "]", "must be one of "
                        + String.join(", ", Arrays.stream(TaskKind.values()).map(TaskKind::id).toList())
                        + ", was '" + given.get(i) + "'");
            }
        }
        Fields.distinct("evaluation.tasks", ids);
        tasks = List.copyOf(ids);
        taskFolder = Fields.required("evaluation.task_folder", taskFolder);
        searchSubset = SubsetSection.validated("evaluation.search_subset", searchSubset);
        finalSubset = SubsetSection.validated("evaluation.final_subset", finalSubset);
        Fields.inside("evaluation.selection_fraction", selectionFraction, 0.0, 1.0);
        selectionFolder = selectionFolder == null ? "" : selectionFolder.trim();
        if (!selectionFolder.isEmpty() && java.nio.file.Path.of(selectionFolder).normalize()
                .equals(java.nio.file.Path.of(taskFolder).normalize())) {
            throw new InvalidFieldException("evaluation.selection_folder", "must differ from evaluation.task_folder ('"
                    + taskFolder + "'): selection and report items must be different items");
        }
    }

    public EvaluationSection withTasks(List<String> newTasks) {
        return new EvaluationSection(newTasks, taskFolder, searchSubset, finalSubset, selectionFraction, selectionFolder);
    }

    public EvaluationSection withTaskFolder(String folder) {
        return new EvaluationSection(tasks, folder, searchSubset, finalSubset, selectionFraction, selectionFolder);
    }

    public EvaluationSection withSearchSubset(SubsetSection subset) {
        return new EvaluationSection(tasks, taskFolder, subset, finalSubset, selectionFraction, selectionFolder);
    }

    public EvaluationSection withFinalSubset(SubsetSection subset) {
        return new EvaluationSection(tasks, taskFolder, searchSubset, subset, selectionFraction, selectionFolder);
    }

    /** True when the selection part comes from its own files rather than a random split of the task files. */
    public boolean hasSelectionFolder() {
        return !selectionFolder.isEmpty();
    }

    /** All seven tasks; search trials on a fixed random 500 items per task, final numbers on all items. */
    public static EvaluationSection withDefaults(String taskFolder) {
        return new EvaluationSection(Arrays.stream(TaskKind.values()).map(TaskKind::id).toList(), taskFolder,
                SubsetSection.random(500, 0), SubsetSection.all());
    }

    /** The tasks as enum values, in file order. */
    public List<TaskKind> taskKinds() {
        return tasks.stream().map(TaskKind::parse).toList();
    }
}
