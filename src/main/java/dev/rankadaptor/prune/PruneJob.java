package dev.rankadaptor.prune;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.SafetensorsDtype;
import dev.rankadaptor.common.AtomicFolders;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.FileTrees;
import dev.rankadaptor.common.Sha256;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.compute.MemoryBudget;
import dev.rankadaptor.model.StagePeak;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One pruning run end to end, the service the CLI {@code prune} command and the GUI pruning panel
 * call: open the checkpoint, plan, read calibration windows, score, prune, and publish the pruned
 * checkpoint folder (safetensors + config.json + tokenizer files + layout.json + provenance.json)
 * atomically. Everything that can be checked without weights is checked before any weight is read.
 * Importance is computed in F32 on {@code device}; weights are stored in the source's precision
 * (F16 for F16 and BF16 sources, F32 otherwise).
 */
public final class PruneJob {
    private PruneJob() {
    }

    /** The shape-only plan for a checkpoint folder (reads config and tensor headers only). */
    public static PruningPlan plan(Path checkpoint, PruningConfig cfg) {
        try (Checkpoint ck = Checkpoint.open(checkpoint)) {
            return PrunedWidths.plan(cfg, ck.config(), ck.layout(), storedDtype(ck) == DataType.FLOAT16 ? 2 : 4);
        }
    }

    /**
     * The estimated peak memory of pruning this checkpoint with {@code cfg}, layer-wise for both
     * methods: weights at their stored dtype, one block widened to F32 at a time with (Taylor) its
     * gradients and sums and the block-boundary states. Depth pruning's Taylor scores are
     * first-order; its perplexity criterion takes no gradients at all.
     */
    public static StagePeak estimate(Checkpoint ck, PruningConfig cfg) {
        return estimate(ck.config(), ck.layout(), ck.dominantDtype(), cfg);
    }

    /**
     * The same estimate from the shape alone (config, per-layer widths and the dominant stored dtype):
     * what the pre-flight of {@code plan}, {@code inspect} and the GUI panels uses without opening the weights.
     */
    public static StagePeak estimate(dev.rankadaptor.checkpoint.LlamaConfig config, dev.rankadaptor.checkpoint.LayerLayout layout,
                                     SafetensorsDtype d, PruningConfig cfg) {
        int stored = d == SafetensorsDtype.F32 ? 4 : 2;
        if (cfg.method() == PruningMethod.DEPTH && cfg.depthCriterion() == DepthCriterion.PERPLEXITY) {
            return StagePeak.prunePerplexity(config, layout, stored, d == SafetensorsDtype.BF16, cfg.samples(), cfg.window());
        }
        boolean secondOrder = cfg.method() == PruningMethod.BLOCK && cfg.importance().needsSecondOrder();
        return StagePeak.prune(config, layout, stored, d == SafetensorsDtype.BF16, secondOrder, cfg.samples(), cfg.window());
    }

    /** Refuses a pruning run that will not fit in the device's memory (or the configured limit). */
    static void preflight(Checkpoint ck, PruningConfig cfg, Device device) {
        StagePeak peak = estimate(ck, cfg);
        String advice = "Free memory or give a larger --memory-limit, use a device with more memory"
                + (cfg.method() == PruningMethod.BLOCK && cfg.importance().needsSecondOrder() ? ", use pruning.importance element1 (one sum per weight instead of two)" : "")
                + (ck.dominantDtype() == SafetensorsDtype.BF16 ? ", convert the BF16 checkpoint to F16 (it is widened to F32 in memory)" : "")
                + ", or lower pruning.samples / pruning.window. Estimate: " + peak.breakdown() + ".";
        MemoryBudget.of(device, 0).check("prune", peak.bytes(), advice);
    }

    /**
     * Prunes {@code source} into {@code output}. An existing output folder is refused unless
     * {@code overwrite}. On failure or cancellation nothing is left under the output name.
     */
    public static PruneOutcome run(Path source, Path output, PruningConfig cfg, Device device, boolean overwrite,
                                   PruneListener listener, CancellationToken cancel) {
        if (!overwrite && Files.exists(output)) {
            throw new UserInputException("output folder " + output + " already exists: choose a new folder or allow overwriting");
        }
        Map<PrunePhase, Long> millis = new EnumMap<>(PrunePhase.class);
        long t0 = System.nanoTime();
        listener.progress(PrunePhase.LOADING, 0);
        try (Checkpoint ck = Checkpoint.open(source)) {
            DataType stored = storedDtype(ck);
            PruningPlan plan = PrunedWidths.plan(cfg, ck.config(), ck.layout(), stored == DataType.FLOAT16 ? 2 : 4);
            if (!ck.hasTokenizer()) {
                throw new UserInputException("checkpoint " + source + " has no tokenizer files: calibration text "
                        + "cannot be tokenized (expected tokenizer.json or tokenizer.model)");
            }
            CalibrationWindows cal = CalibrationWindows.fromFile(cfg.calibrationText(), ck.tokenizer(), cfg.samples(),
                    cfg.window(), cfg.seed());
            preflight(ck, cfg, device);
            String calHash = Sha256.ofFile(cfg.calibrationText(), "calibration file");
            Map<String, String> hashes = FileHashes.weightFiles(source);
            cancel.throwIfCancelled();
            if (plan.method() == PruningMethod.BLOCK) {
                return blockPrune(ck, source, output, overwrite, stored, cfg, plan, cal, calHash, hashes, device,
                        millis, t0, listener, cancel);
            }
            return depthPrune(ck, source, output, overwrite, stored, cfg, plan, cal, calHash, hashes, device, millis,
                    t0, listener, cancel);
        }
    }

    /**
     * Depth pruning with memory near the checkpoint's stored size: weights stay memory-mapped in
     * their stored dtype, blocks are scored one at a time in F32 ({@link DepthPruner}), and the kept
     * blocks are streamed, renumbered, from the source file.
     */
    private static PruneOutcome depthPrune(Checkpoint ck, Path source, Path output, boolean overwrite, DataType stored,
                                           PruningConfig cfg, PruningPlan plan, CalibrationWindows cal, String calHash,
                                           Map<String, String> hashes, Device device, Map<PrunePhase, Long> millis,
                                           long t0, PruneListener listener, CancellationToken cancel) {
        double[] blockScores;
        try (LlamaModel model = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), device, stored)) {
            listener.progress(PrunePhase.LOADING, 1);
            millis.put(PrunePhase.LOADING, ms(t0));
            long t1 = System.nanoTime();
            blockScores = DepthPruner.blockScores(model, plan.protectedLayers(), cfg.depthCriterion(), cal, listener,
                    cancel);
            millis.put(PrunePhase.SCORING_BLOCKS, ms(t1));
        }
        long t2 = System.nanoTime();
        List<Integer> removed = DepthPruner.lowest(blockScores, plan.blocksToRemove());
        listener.progress(PrunePhase.PRUNING, 1);
        millis.put(PrunePhase.PRUNING, ms(t2));
        return publish(ck, source, output, overwrite, cfg, calHash, hashes, plan, null, Map.of(), blockScores, removed,
                millis, listener, (tmp, src) -> DepthPruner.write(ck, removed, stored, tmp, src, listener, cancel));
    }

    /**
     * Block pruning with memory near the checkpoint's stored size: weights stay memory-mapped in
     * their stored dtype (BF16 is widened to F32), importance is computed block by block, and the
     * pruned checkpoint is written tensor by tensor from the source file.
     */
    private static PruneOutcome blockPrune(Checkpoint ck, Path source, Path output, boolean overwrite, DataType stored,
                                           PruningConfig cfg, PruningPlan plan, CalibrationWindows cal, String calHash,
                                           Map<String, String> hashes, Device device, Map<PrunePhase, Long> millis,
                                           long t0, PruneListener listener, CancellationToken cancel) {
        ImportanceScores scores;
        try (LlamaModel model = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), device, stored)) {
            listener.progress(PrunePhase.LOADING, 1);
            millis.put(PrunePhase.LOADING, ms(t0));
            long t1 = System.nanoTime();
            scores = TaylorImportance.compute(model, plan.prunableLayers(), cfg.importance(), cal, listener, cancel);
            millis.put(PrunePhase.IMPORTANCE, ms(t1));
        }
        long t2 = System.nanoTime();
        Map<Integer, GroupSelection> kept = BlockPruner.selections(plan, scores);
        listener.progress(PrunePhase.PRUNING, 1);
        millis.put(PrunePhase.PRUNING, ms(t2));
        List<Integer> all = java.util.stream.IntStream.range(0, ck.layout().size()).boxed().toList();
        return publish(ck, source, output, overwrite, cfg, calHash, hashes, plan, scores, kept, null, List.of(), millis,
                listener, (tmp, src) -> PrunedCheckpointWriter.write(ck, all, kept, stored, tmp, src, listener, cancel));
    }

    /** Writes the weights, config and side files of the pruned model into a folder; returns its layout. */
    private interface FolderWriter {
        dev.rankadaptor.checkpoint.LayerLayout write(Path folder, Map<String, String> provenance);
    }

    private static PruneOutcome publish(Checkpoint ck, Path source, Path output, boolean overwrite, PruningConfig cfg,
                                        String calHash, Map<String, String> hashes, PruningPlan plan,
                                        ImportanceScores scores, Map<Integer, GroupSelection> kept, double[] blockScores,
                                        List<Integer> removed, Map<PrunePhase, Long> millis, PruneListener listener,
                                        FolderWriter writer) {
        long t = System.nanoTime();
        listener.progress(PrunePhase.WRITING, 0);
        Path tmp = AtomicFolders.tempBeside(output);
        long params;
        try {
            Map<String, String> src = new LinkedHashMap<>();
            src.put("base_model", source.toAbsolutePath().toString());
            src.put("method", cfg.method().name().toLowerCase(java.util.Locale.ROOT));
            src.put("local_ratio", Double.toString(plan.localRatio()));
            src.put("seed", Long.toString(cfg.seed()));
            params = writer.write(tmp, src).parameterCount(ck.config());
            millis.put(PrunePhase.WRITING, ms(t));
            PruneProvenance.write(PruneProvenance.toJson(source, hashes, cfg, calHash, plan, scores, kept, blockScores,
                    removed, params, millis), tmp.resolve(PruneProvenance.FILE));
            AtomicFolders.publish(tmp, output, overwrite);
        } catch (RuntimeException e) {
            FileTrees.deleteTree(tmp);
            throw e;
        }
        listener.progress(PrunePhase.WRITING, 1);
        return new PruneOutcome(output, plan, params, kept, removed, millis);
    }

    /** F16 for F16/BF16 checkpoints (BF16 cannot be an NDArray), F32 otherwise. */
    static DataType storedDtype(Checkpoint ck) {
        return bytesPerParameter(ck.dominantDtype()) == 2 ? DataType.FLOAT16 : DataType.FLOAT32;
    }

    /** Bytes per parameter the plan counts for weights stored as {@code d} (F16 and BF16: 2, else 4), as a run does. */
    public static int bytesPerParameter(SafetensorsDtype d) {
        return d == SafetensorsDtype.F16 || d == SafetensorsDtype.BF16 ? 2 : 4;
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
