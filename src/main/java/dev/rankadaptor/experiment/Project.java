package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.eval.TaskKind;

import java.util.List;

/**
 * The whole configuration of a RankAdaptor experiment, as stored in {@code project.json}: one
 * immutable, validated value that the CLI, the GUI and the runner share. Paths inside are kept as
 * written (relative to the project folder or absolute); {@link ProjectFile} resolves them.
 *
 * @param name       display name (required)
 * @param checkpoint checkpoint folder (required)
 * @param pruning    pruning settings
 * @param recovery   LoRA recovery (trial training) settings
 * @param search     search loop settings
 * @param evaluation tasks and subsets
 * @param baselines  baselines run beside the search: lora_uniform, lora_star, adalora, random_search
 * @param device     "cpu", "cuda" or "cuda:N"
 * @param seed       master seed (trial seeds, repeat seeds, candidate sampling derive from it)
 * @param execution  where trials run and how many at once (docs/parallel-trials.md); null = in-process
 */
public record Project(String name, String checkpoint, PruningSection pruning, RecoverySection recovery,
                      SearchSection search, EvaluationSection evaluation, List<String> baselines,
                      String device, long seed, ExecutionSection execution) {
    public static final List<String> BASELINES = List.of("lora_uniform", "lora_star", "adalora", "random_search");

    public Project {
        name = Fields.required("name", name);
        checkpoint = Fields.required("checkpoint", checkpoint);
        if (pruning == null) {
            throw new InvalidFieldException("pruning", "is required");
        }
        if (recovery == null) {
            throw new InvalidFieldException("recovery", "is required");
        }
        if (search == null) {
            throw new InvalidFieldException("search", "is required");
        }
        if (evaluation == null) {
            throw new InvalidFieldException("evaluation", "is required");
        }
        baselines = Fields.choices("baselines", baselines, BASELINES);
        if (device == null) {
            throw new InvalidFieldException("device", "is required (cpu, cuda or cuda:N)");
        }
        device = DeviceChoice.parse(device).toString();
        execution = execution == null ? ExecutionSection.defaults() : execution;
        if (!search.targetsAverage()) {
            String target = search.targetScore();
            TaskKind kind;
            try {
                kind = TaskKind.parse(target);
            } catch (RuntimeException e) {
                kind = null;
            }
            if (kind == null || !evaluation.tasks().contains(kind.id())) {
                throw new InvalidFieldException("search.target_score",
                        "must be 'average' or one of the evaluation tasks (" + String.join(", ", evaluation.tasks())
                                + "), was '" + target + "'");
            }
            search = new SearchSection(search.candidateRanks(), search.hiddenSizes(), search.activation(),
                    search.initialRandomTrials(), search.candidatesPerIteration(), search.explorationPicks(),
                    search.maxTrials(), search.convergenceThreshold(), search.convergenceConsecutive(),
                    search.timeBudgetMinutes(), search.repeats(), search.seeds(), search.trialBank(), kind.id());
        }
    }

    /** A project that runs its trials in-process (the default execution section). */
    public Project(String name, String checkpoint, PruningSection pruning, RecoverySection recovery,
                   SearchSection search, EvaluationSection evaluation, List<String> baselines, String device, long seed) {
        this(name, checkpoint, pruning, recovery, search, evaluation, baselines, device, seed, null);
    }

    /** A project with every default; the five required values are given. */
    public static Project withDefaults(String name, String checkpoint, String calibrationFile,
                                       String recoveryDataFile, String taskFolder) {
        return new Project(name, checkpoint, PruningSection.withDefaults(calibrationFile),
                RecoverySection.withDefaults(recoveryDataFile), SearchSection.defaults(),
                EvaluationSection.withDefaults(taskFolder), BASELINES, "cpu", 42);
    }

    /** The device as the compute layer's choice. */
    public DeviceChoice deviceChoice() {
        return DeviceChoice.parse(device);
    }

    /** A copy with another search section (e.g. a budget changed in the GUI); validated like the original. */
    public Project withSearch(SearchSection newSearch) {
        return new Project(name, checkpoint, pruning, recovery, newSearch, evaluation, baselines, device, seed, execution);
    }

    /** A copy with another device. */
    public Project withDevice(String newDevice) {
        return new Project(name, checkpoint, pruning, recovery, search, evaluation, baselines, newDevice, seed, execution);
    }

    /** A copy with another execution section (CLI --backend / --workers / --devices). */
    public Project withExecution(ExecutionSection newExecution) {
        return new Project(name, checkpoint, pruning, recovery, search, evaluation, baselines, device, seed, newExecution);
    }
}
