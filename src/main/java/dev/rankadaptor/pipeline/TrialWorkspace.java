package dev.rankadaptor.pipeline;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.TextTokenizer;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.eval.EvalListener;
import dev.rankadaptor.eval.EvalReport;
import dev.rankadaptor.eval.Evaluator;
import dev.rankadaptor.eval.PairEncoder;
import dev.rankadaptor.eval.PairEncoding;
import dev.rankadaptor.eval.TaskData;
import dev.rankadaptor.eval.TaskFolder;
import dev.rankadaptor.eval.TaskResult;
import dev.rankadaptor.experiment.ItemPart;
import dev.rankadaptor.experiment.ItemSplit;
import dev.rankadaptor.experiment.LossSummary;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RecoverySection;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaScorer;
import dev.rankadaptor.recover.PeftExporter;
import dev.rankadaptor.recover.BaseWeights;
import dev.rankadaptor.recover.Recoverer;
import dev.rankadaptor.recover.RecoveryPreflight;
import dev.rankadaptor.recover.Recovery;
import dev.rankadaptor.recover.RecoveryConfig;
import dev.rankadaptor.recover.RecoveryData;
import dev.rankadaptor.recover.RecoverySplit;
import dev.rankadaptor.train.TokenBatch;
import dev.rankadaptor.train.TrainingListener;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one trial needs, loaded once per run: the pruned model, its tokenizer, the tokenised
 * recovery data and the evaluation items. {@link #lora} is the paper's
 * {@code recover(pruned model, rank vector) -> scores}; adapters are detached afterwards, so the
 * base model is the same for every trial and a trial depends only on (ranks, seed).
 */
public final class TrialWorkspace implements AutoCloseable {
    private final ProjectFile project;
    private final Checkpoint checkpoint;
    private final LlamaModel model;
    private final RecoverySplit recoverySplit;
    private final ItemSplit itemSplit;
    private final Map<ItemPart, List<TaskData>> tasks;
    private final Evaluator evaluator;
    private final String device;
    private Path runFolder;

    private TrialWorkspace(ProjectFile project, Checkpoint checkpoint, LlamaModel model, RecoverySplit recoverySplit,
                           ItemSplit itemSplit, Map<ItemPart, List<TaskData>> tasks, Evaluator evaluator, String device) {
        this.project = project;
        this.checkpoint = checkpoint;
        this.model = model;
        this.recoverySplit = recoverySplit;
        this.itemSplit = itemSplit;
        this.tasks = tasks;
        this.evaluator = evaluator;
        this.device = device;
    }

    /** Opens the workspace with an item split made in memory (not recorded): benchmarks and one-off checks. */
    public static TrialWorkspace open(ProjectFile project, Path prunedCheckpoint, DeviceChoice device) {
        return open(project, prunedCheckpoint, device, null);
    }

    /**
     * Opens the pruned checkpoint and loads data and tasks named by the project. The recovery data's
     * train / validation split is drawn once from the project seed (the same for every trial). The
     * task items are split into selection and report parts; with a run folder the split is read from
     * (or first written to) its {@link ItemSplit#FILE}, so every process of a run scores the same items.
     */
    public static TrialWorkspace open(ProjectFile project, Path prunedCheckpoint, DeviceChoice device, Path runFolder) {
        Checkpoint ckpt = Checkpoint.open(prunedCheckpoint);
        LlamaModel model = null;
        try {
            RecoverySection r = project.project().recovery();
            RecoveryPreflight preflight = preflight(project, device.toDjl(), ckpt.dominantDtype())
                    .preferF32WhenItFits(ckpt.config(), ckpt.layout(), true, r.cutoff(), 4);
            preflight.checkTrain(ckpt.config(), ckpt.layout());
            model = preflight.weights().load(ckpt, device.toDjl());
            TextTokenizer tok = ckpt.tokenizer();
            RecoveryData data = RecoveryData.read(project.recoveryDataPath());
            List<TokenBatch.Example> examples = Recoverer.tokenize(model, tok, data, ProjectMapping.recovery(r, 0));
            RecoverySplit recoverySplit = RecoverySplit.of(examples, r.validationSize(), project.project().seed());
            var kinds = project.project().evaluation().taskKinds();
            List<TaskData> reportFiles = TaskFolder.loadAll(project.taskFolderPath(), kinds);
            List<TaskData> selectionFiles = project.selectionFolderPath() == null ? null
                    : TaskFolder.loadAll(project.selectionFolderPath(), kinds);
            ItemSplit split = EvaluationItems.ensure(project, reportFiles, selectionFiles,
                    runFolder == null ? null : runFolder.resolve(ItemSplit.FILE));
            Map<ItemPart, List<TaskData>> tasks = new java.util.EnumMap<>(ItemPart.class);
            tasks.put(ItemPart.SELECTION, EvaluationItems.part(selectionFiles == null ? reportFiles : selectionFiles, split,
                    ItemPart.SELECTION));
            tasks.put(ItemPart.REPORT, EvaluationItems.part(reportFiles, split, ItemPart.REPORT));
            PairEncoder encoder = new PairEncoder(tok, PairEncoding.SEPARATE, ckpt.config().eosTokenId());
            int[] longest = RecoveryPreflight.longestItem(reportFiles, encoder);
            preflight.checkScore(ckpt.config(), ckpt.layout(), longest[0], longest[1]);
            Evaluator ev = new Evaluator(new LlamaScorer(model), encoder);
            TrialWorkspace ws = new TrialWorkspace(project, ckpt, model, recoverySplit, split, tasks, ev, device.toString());
            ws.runFolder = runFolder;
            return ws;
        } catch (RuntimeException e) {
            if (model != null) {
                model.close();
            }
            ckpt.close();
            throw e;
        }
    }

    /**
     * The train / eval pre-flight of a project's trials on {@code device} for a checkpoint stored in
     * {@code dtype}: micro_batch x cutoff, the largest rank a trial can use (candidate ranks, base rank,
     * AdaLoRA's initial 1.5 x base rank), gradient_checkpointing, and how the base is held ({@link BaseWeights}).
     */
    public static RecoveryPreflight preflight(ProjectFile project, ai.djl.Device device, dev.rankadaptor.checkpoint.SafetensorsDtype dtype) {
        return preflight(project.project().recovery(), project.project().search(), device, dtype);
    }

    /** The same pre-flight from the sections alone (the GUI's panels, {@code plan} and {@code inspect}: no project file needed). */
    public static RecoveryPreflight preflight(RecoverySection r, dev.rankadaptor.experiment.SearchSection search, ai.djl.Device device,
                                              dev.rankadaptor.checkpoint.SafetensorsDtype dtype) {
        int rank = Math.max((int) Math.round(r.baseRank() * 1.5),
                search.candidateRanks().stream().mapToInt(Integer::intValue).max().orElse(r.baseRank()));
        return new RecoveryPreflight(device, BaseWeights.choose(device, dtype, r.gradientCheckpointing()), r.microBatch(),
                r.cutoff(), rank, r.gradientCheckpointing());
    }

    /**
     * The training pre-flight at the start of a run, before pruning: the LoRA step is estimated on
     * the widths the pruning plan will leave (shape only, no weights read). Refuses a run that will
     * not fit with the stage, the estimate, the memory available and what to change.
     */
    public static void checkBeforeRun(ProjectFile project, ai.djl.Device device) {
        try (Checkpoint ck = Checkpoint.open(project.checkpointPath())) {
            var plan = dev.rankadaptor.prune.PrunedWidths.plan(ProjectMapping.pruning(project, ck.layout().size()),
                    ck.config(), ck.layout(), ck.dominantDtype() == dev.rankadaptor.checkpoint.SafetensorsDtype.F32 ? 4 : 2);
            preflight(project, device, ck.dominantDtype()).checkTrain(ck.config(), plan.layoutAfter());
            // F16 storage is the lean case: the trial itself prefers F32 only where that fits
        }
    }

    public LlamaModel model() {
        return model;
    }

    public String device() {
        return device;
    }

    /** The run folder the workspace was opened for (trial files go under it), null for one-off checks. */
    public Path runFolder() {
        return runFolder;
    }

    public int numLayers() {
        return model.numLayers();
    }

    /** The run's recovery split: every trial trains on {@code trainIds()} whatever its seed. */
    public RecoverySplit recoverySplit() {
        return recoverySplit;
    }

    /** The run's selection / report split of the task items. */
    public ItemSplit itemSplit() {
        return itemSplit;
    }

    /** Evaluates the model as it is (no adapters: the "no recovery" row). */
    public EvalReport evaluate(EvalScope scope, CancellationToken cancel) {
        return evaluator.evaluateAll(tasks.get(scope.part()), scope.subset(), EvalListener.NONE, cancel);
    }

    /** LoRA recovery with one rank per layer (all layers), then evaluation; adapters are exported when asked. */
    public TrialMeasurement lora(int[] fullRanks, long seed, EvalScope scope, TrainingListener listener,
                                 CancellationToken cancel, Path exportAdapterTo) {
        try (Recovery rec = recoverLora(fullRanks, seed, listener, cancel)) {
            return measure(rec, scope, cancel, exportAdapterTo, fullRanks);
        }
    }

    /** The recovery of {@link #lora} without evaluation; the caller closes it (detaches the adapters). */
    Recovery recoverLora(int[] fullRanks, long seed, TrainingListener listener, CancellationToken cancel) {
        RecoverySection r = project.project().recovery();
        return Recoverer.recoverExamples(model, recoverySplit, ProjectMapping.lora(r, fullRanks, seed),
                ProjectMapping.recovery(r, seed), listener, cancel);
    }

    /**
     * AdaLoRA recovery (budget from 1.5x the base rank down to the base rank; the schedule spans the
     * optimizer steps the training really makes), then evaluation.
     */
    public TrialMeasurement adalora(long seed, EvalScope scope, TrainingListener listener, CancellationToken cancel,
                                    Path exportAdapterTo) {
        RecoverySection r = project.project().recovery();
        RecoveryConfig config = ProjectMapping.recovery(r, seed);
        int steps = Recoverer.optimizerSteps(recoverySplit.train().size(), config);
        try (Recovery rec = Recoverer.recoverAdaLoraExamples(model, recoverySplit, ProjectMapping.adalora(r, steps, seed),
                config, listener, cancel)) {
            return measure(rec, scope, cancel, exportAdapterTo, null);
        }
    }

    private TrialMeasurement measure(Recovery rec, EvalScope subset, CancellationToken cancel, Path exportTo, int[] ranks) {
        long t0 = System.nanoTime();
        EvalReport report = evaluate(subset, cancel);
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        if (exportTo != null) {
            PeftExporter.export(rec.adapters(), project.project().recovery().dropout(),
                    checkpoint.folder().toAbsolutePath().toString(), exportTo);
        }
        Map<String, Double> scores = taskScores(report);
        LossSummary loss = LossSummary.of(rec.result().losses().stream().mapToDouble(Double::doubleValue).toArray());
        int[] used = ranks != null ? ranks : rec.result().finalLayerRanks();
        return new TrialMeasurement(target(scores, report), scores, loss, rec.result().seconds(), evalSeconds, used);
    }

    /** Reported metric per task id, as fractions. */
    public static Map<String, Double> taskScores(EvalReport report) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (TaskResult t : report.tasks()) {
            out.put(t.task().id(), t.reported().value());
        }
        return out;
    }

    /** The search target: the average of the tasks or the one task the project names. */
    double target(Map<String, Double> scores, EvalReport report) {
        String t = project.project().search().targetScore();
        return project.project().search().targetsAverage() ? report.average() : scores.get(t);
    }

    @Override
    public void close() {
        model.close();
        checkpoint.close();
    }
}
