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
 * @param searchSubset items scored in search trials
 * @param finalSubset  items scored for the final best, baselines and repeats
 */
public record EvaluationSection(List<String> tasks, String taskFolder, SubsetSection searchSubset, SubsetSection finalSubset) {
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
