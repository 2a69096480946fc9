package dev.rankadaptor.ui.backend;

import dev.rankadaptor.experiment.EvaluationSection;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.PruningSection;
import dev.rankadaptor.experiment.RecoverySection;
import dev.rankadaptor.experiment.SearchSection;
import dev.rankadaptor.ui.pruning.PruningChoice;
import dev.rankadaptor.ui.pruning.PruningViewModel;
import dev.rankadaptor.ui.recovery.DataSectionViewModel;
import dev.rankadaptor.ui.recovery.RecoverySearchSettings;
import dev.rankadaptor.ui.recovery.RecoverySearchViewModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Maps the project file's sections onto the panels' fields and back. Settings the panels do not
 * edit (dropout, warm-up, cutoff, baselines...) are carried over unchanged from the loaded
 * project, so Save writes exactly what was loaded plus the user's edits. Building the project runs
 * every section's own validation: an error names the project-file field.
 */
public final class ProjectForm {
    private ProjectForm() {
    }

    /** Fills the pruning and recovery panels from a project (protected layers once a checkpoint is known). */
    public static void fill(Project p, PruningViewModel pruning, RecoverySearchViewModel recovery) {
        PruningSection ps = p.pruning();
        pruning.methodProperty().set(ps.method().equals("depth") ? "depth" : "block-wise");
        pruning.ratioKindProperty().set(ps.ratioKind());
        pruning.ratioProperty().set(ps.ratio());
        pruning.importanceProperty().set(ps.importance());
        pruning.depthCriterionProperty().set(ps.depthCriterion());
        pruning.calibrationFileProperty().set(ps.calibrationFile());
        pruning.calibrationSamplesProperty().set(ps.samples());
        applyProtected(p, pruning);
        RecoverySection r = p.recovery();
        SearchSection s = p.search();
        recovery.loraTargets().retainAll(r.targets());
        recovery.loraTargets().addAll(r.targets());
        recovery.field("candidateRanks").set(join(s.candidateRanks(), ","));
        recovery.field("baseRank").set(Integer.toString(r.baseRank()));
        recovery.field("alphaRule").set(r.alphaRule().equals("alpha_2r") ? "2r" : r.alphaRule());
        recovery.field("alpha").set(number(r.alpha()));
        recovery.field("learningRate").set(number(r.lr()));
        recovery.field("epochs").set(Integer.toString(r.epochs()));
        recovery.field("microBatch").set(Integer.toString(r.microBatch()));
        recovery.gradientCheckpointingProperty().set(r.gradientCheckpointing());
        recovery.field("hiddenSizes").set(join(s.hiddenSizes(), "-"));
        recovery.field("candidatesPerIteration").set(Integer.toString(s.candidatesPerIteration()));
        recovery.field("initialTrials").set(Integer.toString(s.initialRandomTrials()));
        recovery.field("maxTrials").set(Integer.toString(s.maxTrials()));
        recovery.field("convergenceThreshold").set(number(s.convergenceThreshold()));
        recovery.field("convergencePatience").set(Integer.toString(s.convergenceConsecutive()));
        recovery.field("repeats").set(Integer.toString(s.repeats()));
        recovery.field("parameterBudget").set(number(s.parameterBudget()));
        recovery.field("seed").set(Long.toString(p.seed()));
        recovery.field("device").set(p.device());
        recovery.setExecutionBase(p.execution());
        recovery.field("backend").set(p.execution().backend().id());
        recovery.field("workers").set(Integer.toString(p.execution().workers()));
        recovery.field("devices").set(String.join(",", p.execution().devices()));
        DataSectionViewModel data = recovery.data();
        data.dataFileProperty().set(r.dataFile());
        data.validationSizeProperty().set(Integer.toString(r.validationSize()));
        EvaluationSection ev = p.evaluation();
        data.tasks().retainAll(ev.tasks());
        data.tasks().addAll(ev.tasks());
        data.taskFolderProperty().set(ev.taskFolder());
        data.searchSubsetProperty().set(DataSectionViewModel.formatSubset(ev.searchSubset()));
        data.finalSubsetProperty().set(DataSectionViewModel.formatSubset(ev.finalSubset()));
    }

    /** Shows the project's protected layers in the pruning panel (needs the checkpoint's layer count). */
    public static void applyProtected(Project p, PruningViewModel pruning) {
        var c = pruning.checkpointProperty().get();
        if (c != null) {
            pruning.setProtectedLayers(p.pruning().protectedLayerIndices(c.layout().size()));
        }
    }

    /**
     * The loaded project with the panels' edits applied. Throws the panels' InvalidFieldException
     * (or a section's) naming the field when something is invalid.
     */
    public static Project build(Project base, PruningViewModel pruning, RecoverySearchViewModel recovery) {
        RecoverySearchSettings rs = recovery.settingsProperty().get();
        if (rs == null) {
            throw new dev.rankadaptor.common.InvalidFieldException("recovery", recovery.errorProperty().get());
        }
        PruningSection ps = base.pruning();
        if (pruning.checkpointProperty().get() != null) {
            PruningChoice c = pruning.choice();
            List<Integer> prot = new ArrayList<>(c.protectedLayers());
            int[] same = prot.stream().mapToInt(Integer::intValue).toArray();
            try {
                if (java.util.Arrays.equals(ps.protectedLayerIndices(c.layerCount()), same)) {
                    prot = ps.protectedLayers(); // keep the file's way of writing them (e.g. -1 for the last layer)
                }
            } catch (RuntimeException e) {
                // the file's list does not fit this model; the panel's list replaces it
            }
            ps = new PruningSection(c.method().equals("depth") ? "depth" : "block", c.ratioKind(), c.ratio(),
                    prot, c.importance(), c.calibrationFile(), c.calibrationSamples(), ps.window(), ps.seed(),
                    pruning.depthCriterionProperty().get());
        } else {
            ps = new PruningSection(pruning.methodProperty().get().equals("depth") ? "depth" : "block",
                    pruning.ratioKindProperty().get(), pruning.ratioProperty().get(), ps.protectedLayers(),
                    pruning.importanceProperty().get(), pruning.calibrationFileProperty().get(),
                    pruning.calibrationSamplesProperty().get(), ps.window(), ps.seed(), pruning.depthCriterionProperty().get());
        }
        DataSectionViewModel data = recovery.data();
        data.check();
        RecoverySection r = base.recovery();
        String alphaRule = rs.alphaRule().equals("2r") ? "alpha_2r" : rs.alphaRule();
        List<String> targets = RecoverySection.TARGETS.stream().filter(rs.loraTargets()::contains).toList();
        int batch = r.batch() % rs.microBatch() == 0 ? r.batch() : rs.microBatch() * Math.max(1, r.batch() / rs.microBatch());
        r = new RecoverySection(targets, rs.baseRank(), alphaRule, rs.alpha(), r.dropout(), rs.epochs(), batch,
                rs.microBatch(), rs.learningRate(), r.warmupSteps(), r.cutoff(), r.trainOnResponses(), r.maxSteps(),
                data.dataFileProperty().get().trim(), data.validationSizeValue())
                .withGradientCheckpointing(recovery.gradientCheckpointingProperty().get());
        EvaluationSection ev = new EvaluationSection(data.selectedTasks(), data.taskFolderProperty().get().trim(),
                DataSectionViewModel.parseSubset("evaluation.search_subset", data.searchSubsetProperty().get()),
                DataSectionViewModel.parseSubset("evaluation.final_subset", data.finalSubsetProperty().get()),
                base.evaluation().selectionFraction(), base.evaluation().selectionFolder());
        SearchSection s = base.search();
        List<Long> seeds = s.seeds().size() == rs.repeats() ? s.seeds() : List.of();
        s = new SearchSection(rs.candidateRanks(), rs.hiddenSizes(), s.activation(), rs.initialTrials(),
                rs.candidatesPerIteration(), s.explorationPicks(), rs.maxTrials(), rs.convergenceThreshold(),
                rs.convergencePatience(), s.timeBudgetMinutes(), rs.repeats(), seeds, s.trialBank(), s.targetScore(),
                rs.convergenceThreshold() == 0 && s.noiseTrials() == 0 ? SearchSection.DEFAULT_NOISE_TRIALS : s.noiseTrials(),
                s.pickCandidates(), rs.parameterBudget());
        return new Project(base.name(), base.checkpoint(), ps, r, s, ev, base.baselines(), rs.device(), rs.seed(),
                base.preset(), recovery.executionProperty().get());
    }

    private static String join(List<Integer> values, String sep) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(sep));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }
}
