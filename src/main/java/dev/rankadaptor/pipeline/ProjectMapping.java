package dev.rankadaptor.pipeline;

import dev.rankadaptor.recover.PrunableLayers;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.Preset;
import dev.rankadaptor.experiment.PruningSection;
import dev.rankadaptor.experiment.RecoverySection;
import dev.rankadaptor.experiment.SearchSection;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.Projection;
import dev.rankadaptor.recover.LoraParameters;
import dev.rankadaptor.search.ParameterBudget;
import dev.rankadaptor.prune.DepthCriterion;
import dev.rankadaptor.prune.ImportanceKind;
import dev.rankadaptor.prune.PruningConfig;
import dev.rankadaptor.prune.PruningMethod;
import dev.rankadaptor.recover.AdaLoraConfig;
import dev.rankadaptor.recover.AlphaRule;
import dev.rankadaptor.recover.LoraConfig;
import dev.rankadaptor.recover.RecoveryConfig;
import dev.rankadaptor.search.ModelConfig;
import dev.rankadaptor.search.SearchConfig;
import dev.rankadaptor.train.LrSchedule;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the project file's plain sections into the validated configurations of the pruning,
 * recovery and search packages, so those packages never depend on the file format.
 */
public final class ProjectMapping {
    private ProjectMapping() {
    }

    /**
     * The pruner's configuration. With the paper preset, on the paper's shapes (26 of 32 or 32 of 40
     * layers pruned), a global block-pruning ratio of 20 / 25 / 30 / 50 % becomes the paper's local
     * ratio of the pruned layers (25 / 32 / 38 / 63.5 %), and a
     * depth ratio of either kind removes floor(ratio x layers) blocks (Shortened LLaMA); otherwise
     * a global ratio is solved for that share of all parameters.
     */
    public static PruningConfig pruning(ProjectFile pf, int numLayers) {
        return pruning(pf.project().pruning(), pf.project().presetKind(), pf.calibrationPath(), numLayers);
    }

    /**
     * The same mapping for a pruning section not (yet) saved in a project file: the Pruning panel's
     * live plan uses it with the open project's preset and calibration path resolved as
     * {@link ProjectFile#calibrationPath()} does, so the preview is the plan the run computes.
     */
    public static PruningConfig pruning(PruningSection p, Preset preset, java.nio.file.Path calibration, int numLayers) {
        PruningMethod method = PruningMethod.valueOf(p.method().toUpperCase(Locale.ROOT));
        Double global = p.ratioKind().equals("global") ? p.ratio() : null;
        Double local = global == null ? p.ratio() : null;
        int pruned = p.prunableLayerIndices(numLayers).length;
        if (global != null && method == PruningMethod.BLOCK && preset.paperLocalRatio(global, numLayers, pruned) != null) {
            local = preset.paperLocalRatio(global, numLayers, pruned);
            global = null;
        } else if (global != null && method == PruningMethod.DEPTH && preset.depthCountsBlocks()) {
            local = global;
            global = null;
        }
        Set<Integer> prot = new LinkedHashSet<>();
        for (int i : p.protectedLayerIndices(numLayers)) {
            prot.add(i);
        }
        DepthCriterion criterion = p.depthCriterion().equals("ppl") ? DepthCriterion.PERPLEXITY : DepthCriterion.TAYLOR;
        return new PruningConfig(method, global, local, prot,
                ImportanceKind.valueOf(p.importance().toUpperCase(Locale.ROOT)), criterion,
                calibration, p.samples(), p.window(), p.seed());
    }

    public static Set<Projection> targets(RecoverySection r) {
        Set<Projection> t = EnumSet.noneOf(Projection.class);
        for (String s : r.targets()) {
            t.add(Projection.parse(s));
        }
        return t;
    }

    public static RecoveryConfig recovery(RecoverySection r, long seed) {
        int validation = r.validationSize();
        return new RecoveryConfig(r.epochs(), r.batch(), r.microBatch(), r.lr(), r.warmupSteps(),
                LrSchedule.Decay.LINEAR, r.cutoff(), r.trainOnResponses(), validation, r.maxSteps(), 0, seed)
                .withGradientCheckpointing(r.gradientCheckpointing());
    }

    public static LoraConfig lora(RecoverySection r, int[] fullRanks, long seed) {
        AlphaRule rule = AlphaRule.parse(r.alphaRule());
        return new LoraConfig(targets(r), fullRanks, rule, r.alpha(), r.dropout(), seed);
    }

    /**
     * AdaLoRA with the paper's budget: init_r 12 down to target_r = base rank on every module.
     * {@code steps} is the optimizer step count the training really makes (train examples, batch,
     * epochs, max_steps); the schedule keeps the initial budget for tinit = floor(steps / 10) steps,
     * reaches the target budget at T - tfinal with tfinal = floor(steps / 5), and holds it to the end.
     */
    public static AdaLoraConfig adalora(RecoverySection r, int steps, long seed) {
        int target = r.baseRank();
        int init = Math.max(target, (int) Math.round(target * 1.5));
        int tinit = Math.max(0, steps / 10);
        int tfinal = Math.max(0, steps / 5);
        return new AdaLoraConfig(targets(r), init, target, tinit, tfinal, 1, 0.85, 0.85, 0.5, 2.0 * target, r.dropout(), seed);
    }

    /**
     * The search loop's configuration. exploration_picks k > 0 replaces the best-predicted
     * candidate by a random one with probability k/10 per iteration (capped at 0.5).
     */
    public static SearchConfig search(SearchSection s, long seed) {
        ModelConfig.Activation act = switch (s.activation()) {
            case "relu" -> ModelConfig.Activation.RELU;
            case "tanh" -> ModelConfig.Activation.TANH;
            default -> throw new InvalidFieldException("search.activation", "expected relu or tanh, was " + s.activation());
        };
        ModelConfig d = ModelConfig.defaults();
        ModelConfig model = new ModelConfig(s.hiddenSizes(), act, d.learningRate(), d.fitEpochs(), d.updateEpochs(), d.weightDecay());
        SearchConfig base = SearchConfig.defaults(seed);
        double epsilon = Math.min(0.5, s.explorationPicks() / 10.0);
        long budget = (long) Math.ceil(s.timeBudgetMinutes() * 60);
        return new SearchConfig(s.initialRandomTrials(), Math.min(base.bankInitialTrials(), s.initialRandomTrials()),
                s.candidatesPerIteration(), epsilon, s.maxTrials(), s.convergenceThreshold(), s.convergenceConsecutive(),
                budget, seed, model, base.refit(), base.metaEpochs(), base.importanceSamples(), s.noiseTrials(),
                s.pickCandidates());
    }

    /** Trainable LoRA parameters per rank unit of every layer of the (pruned) model, for the project's targets. */
    public static LoraParameters loraParameters(Project p, LlamaModel model) {
        return LoraParameters.of(model.config(), model.layout(), targets(p.recovery()));
    }

    /**
     * The search's parameter budget: {@code search.parameter_budget} x uniform LoRA at the base rank, counted on
     * the pruned widths; protected layers keep the base rank, so their cost is fixed.
     */
    /** The searched layers of a model with {@code numLayers} layers under this project (its protected layers and base rank). */
    public static PrunableLayers prunableLayers(Project p, int numLayers) {
        return new PrunableLayers(p.pruning().prunableLayerIndices(numLayers), p.recovery().baseRank(), numLayers);
    }

    public static ParameterBudget budget(Project p, LlamaModel model, PrunableLayers prunable) {
        return budget(p, loraParameters(p, model), prunable);
    }

    static ParameterBudget budget(Project p, LoraParameters lp, PrunableLayers prunable) {
        if (p.search().parameterBudget() == 0) {
            return ParameterBudget.unlimited(prunable.size());
        }
        int base = p.recovery().baseRank();
        long[] per = prunable.toLocal(lp.perRank());
        long fixed = lp.uniform(base) - base * java.util.Arrays.stream(per).sum();
        long limit = (long) Math.floor(p.search().parameterBudget() * lp.uniform(base) + 1e-9);
        return new ParameterBudget(per, fixed, limit);
    }
}
