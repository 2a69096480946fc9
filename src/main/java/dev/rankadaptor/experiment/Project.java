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
 * @param preset     "paper" (default) or "none": where defaults and the paper's pruning rules come from ({@link Preset})
 * @param execution  where trials run and how many at once (docs/parallel-trials.md); null = in-process
 */
public record Project(String name, String checkpoint, PruningSection pruning, RecoverySection recovery,
                      SearchSection search, EvaluationSection evaluation, List<String> baselines,
                      String device, long seed, String preset, ExecutionSection execution) {
    public static final List<String> BASELINES = RecoveryMethod.BASELINE_IDS;

    /** With the paper preset. */
    public Project(String name, String checkpoint, PruningSection pruning, RecoverySection recovery,
                   SearchSection search, EvaluationSection evaluation, List<String> baselines, String device, long seed) {
        this(name, checkpoint, pruning, recovery, search, evaluation, baselines, device, seed, Preset.PAPER.id(), null);
    }

    public Project {
        preset = Preset.parse("preset", preset == null ? Preset.PAPER.id() : preset).id();
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
            search = search.withTargetScore(kind.id());
        }
    }

    /** With the given preset, running its trials in-process (the default execution section). */
    public Project(String name, String checkpoint, PruningSection pruning, RecoverySection recovery,
                   SearchSection search, EvaluationSection evaluation, List<String> baselines, String device, long seed,
                   String preset) {
        this(name, checkpoint, pruning, recovery, search, evaluation, baselines, device, seed, preset, null);
    }

    /** With the paper preset and the given execution section. */
    public Project(String name, String checkpoint, PruningSection pruning, RecoverySection recovery,
                   SearchSection search, EvaluationSection evaluation, List<String> baselines, String device, long seed,
                   ExecutionSection execution) {
        this(name, checkpoint, pruning, recovery, search, evaluation, baselines, device, seed, Preset.PAPER.id(), execution);
    }

    /** A project with every default of the paper preset; the five required values are given. */
    public static Project withDefaults(String name, String checkpoint, String calibrationFile,
                                       String recoveryDataFile, String taskFolder) {
        return withDefaults(Preset.PAPER, null, name, checkpoint, calibrationFile, recoveryDataFile, taskFolder);
    }

    /** A project with every default of {@code preset} for a model of {@code layerCount} layers (null = unknown). */
    public static Project withDefaults(Preset preset, Integer layerCount, String name, String checkpoint,
                                       String calibrationFile, String recoveryDataFile, String taskFolder) {
        PruningSection pd = PruningSection.withDefaults(calibrationFile);
        PruningSection pruning = new PruningSection(pd.method(), pd.ratioKind(), pd.ratio(), preset.protectedLayers(layerCount),
                pd.importance(), pd.calibrationFile(), pd.samples(), pd.window(), pd.seed());
        SearchSection sd = SearchSection.defaults();
        SearchSection search = new SearchSection(preset.candidateRanks(), sd.hiddenSizes(), sd.activation(),
                sd.initialRandomTrials(), sd.candidatesPerIteration(), sd.explorationPicks(), sd.maxTrials(),
                sd.convergenceThreshold(), sd.convergenceConsecutive(), sd.timeBudgetMinutes(), sd.repeats(), sd.seeds(),
                sd.trialBank(), sd.targetScore());
        return new Project(name, checkpoint, pruning, RecoverySection.withDefaults(recoveryDataFile), search,
                EvaluationSection.withDefaults(taskFolder), BASELINES, "cpu", 42, preset.id());
    }

    /**
     * The project a new one starts from: every default of the paper preset, with the demo project's
     * file names (data/calibration.txt, data/recovery_alpaca.json, data/tasks). The GUI's panels show
     * it before a project is opened, so they have no defaults of their own.
     */
    public static Project untitled() {
        return withDefaults("untitled", ".", "data/calibration.txt", "data/recovery_alpaca.json", "data/tasks");
    }

    /** The preset as its enum. */
    public Preset presetKind() {
        return Preset.parse("preset", preset);
    }

    /** The device as the compute layer's choice. */
    public DeviceChoice deviceChoice() {
        return DeviceChoice.parse(device);
    }

    /** A copy with another search section (e.g. a budget changed in the GUI); validated like the original. */
    public Project withSearch(SearchSection newSearch) {
        return new Project(name, checkpoint, pruning, recovery, newSearch, evaluation, baselines, device, seed, preset, execution);
    }

    /** A copy with another device. */
    public Project withDevice(String newDevice) {
        return new Project(name, checkpoint, pruning, recovery, search, evaluation, baselines, newDevice, seed, preset, execution);
    }

    /** A copy with another execution section (CLI --backend / --workers / --devices). */
    public Project withExecution(ExecutionSection newExecution) {
        return new Project(name, checkpoint, pruning, recovery, search, evaluation, baselines, device, seed, preset, newExecution);
    }

    /** A copy with another recovery section (CLI --gradient-checkpointing). */
    public Project withRecovery(RecoverySection newRecovery) {
        return new Project(name, checkpoint, pruning, newRecovery, search, evaluation, baselines, device, seed, preset, execution);
    }
}
