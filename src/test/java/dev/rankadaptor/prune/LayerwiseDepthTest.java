package dev.rankadaptor.prune;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModelWriter;
import dev.rankadaptor.model.LlamaModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Depth pruning's lean path (block scores computed one block at a time on weights kept at their
 * stored dtype, output streamed from the source file) against the whole-model path it replaced
 * ({@link WholeModelDepth}: an F32 model, whole-model gradients, an in-memory pruned copy): the same
 * scores (bit for bit), the same removed blocks, and the same output files byte for byte.
 */
class LayerwiseDepthTest {
    private static final Path DEMO = Path.of("sample-projects/tiny-llama-demo");
    private static final Map<String, String> SOURCE = Map.of("method", "depth", "seed", "1");

    @Test
    void demoModelScoresAndRemovesTheSameBlocks() {
        try (Checkpoint ck = Checkpoint.open(DEMO);
             LlamaModel m = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT32)) {
            // 12 windows: two chunks of the Taylor pass and of the perplexity passes
            CalibrationWindows cal = CalibrationWindows.fromFile(DEMO.resolve("data/calibration.txt"), ck.tokenizer(),
                    12, 48, 3);
            for (DepthCriterion c : DepthCriterion.values()) {
                assertSameScores(m, m, new TreeSet<>(Set.of(0, 7)), c, cal);
            }
        }
    }

    @Test
    void unevenGqaModelScoresAndRemovesTheSameBlocks() {
        LlamaConfig c = PruneFixtures.config(5);
        LayerLayout uneven = new LayerLayout(List.of(new LayerLayout.Layer(4, 2, 40), new LayerLayout.Layer(2, 1, 23),
                new LayerLayout.Layer(4, 2, 17), new LayerLayout.Layer(2, 1, 40), new LayerLayout.Layer(4, 1, 9)));
        try (LlamaModel m = LlamaModels.random(c, uneven, 11, 0.3, Device.cpu(), DataType.FLOAT32)) {
            for (DepthCriterion cr : DepthCriterion.values()) {
                assertSameScores(m, m, new TreeSet<>(Set.of(0)), cr, PruneFixtures.calibration(5));
            }
        }
    }

    /** What a run does with an F16 checkpoint: the lean path keeps F16 weights, the old one loaded F32. */
    @Test
    void float16DemoCheckpointScoresAsItsFloat32Widening(@TempDir Path tmp) {
        Path half = float16Demo(tmp);
        try (Checkpoint ck = Checkpoint.open(half);
             LlamaModel f16 = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT16);
             LlamaModel f32 = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT32)) {
            CalibrationWindows cal = CalibrationWindows.fromFile(DEMO.resolve("data/calibration.txt"), ck.tokenizer(),
                    6, 48, 42);
            for (DepthCriterion c : DepthCriterion.values()) {
                assertSameScores(f16, f32, new TreeSet<>(Set.of(0, 7)), c, cal);
            }
            assertEquals(DataType.FLOAT16, f16.layer(1).weight(dev.rankadaptor.model.Projection.Q).getDataType());
        }
    }

    @Test
    void demoOutputIsByteIdenticalToTheInMemoryPath(@TempDir Path tmp) throws IOException {
        assertSameFolders(DEMO, DataType.FLOAT32, List.of(2, 5), tmp);
    }

    @Test
    void float16DemoOutputIsByteIdenticalToTheInMemoryPath(@TempDir Path tmp) throws IOException {
        assertSameFolders(float16Demo(tmp), DataType.FLOAT16, List.of(1, 3, 6), tmp);
    }

    /** A whole depth run on the demo (Taylor, default settings): its folder as the old run wrote it. */
    @Test
    void demoPruneRunWritesWhatTheOldRunWrote(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("run");
        PruningConfig cfg = PruningConfig.blockLocal(0.25, DEMO.resolve("data/calibration.txt"))
                .withMethod(PruningMethod.DEPTH);
        PruneOutcome o = PruneJob.run(DEMO, out, cfg, Device.cpu(), false, PruneListener.none(), CancellationToken.none());
        Path reference = tmp.resolve("reference");
        try (Checkpoint ck = Checkpoint.open(DEMO);
             LlamaModel m = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT32)) {
            PruningPlan plan = PrunedWidths.plan(cfg, ck.config(), ck.layout(), 4);
            CalibrationWindows cal = CalibrationWindows.fromFile(cfg.calibrationText(), ck.tokenizer(), cfg.samples(),
                    cfg.window(), cfg.seed());
            List<Integer> removed = DepthPruner.lowest(WholeModelDepth.blockScores(m, plan.protectedLayers(),
                    DepthCriterion.TAYLOR, cal), plan.blocksToRemove());
            assertEquals(removed, o.removedBlocks());
            try (LlamaModel pruned = WholeModelDepth.removeBlocks(m, removed)) {
                LlamaModelWriter.write(pruned, reference, DataType.FLOAT32, DEMO, Map.of());
            }
        }
        FolderBytes.assertSameFiles(reference, out, Set.of(PruneProvenance.FILE));
    }

    private static Path float16Demo(Path tmp) {
        Path half = tmp.resolve("demo-f16");
        try (Checkpoint ck = Checkpoint.open(DEMO);
             LlamaModel m = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT32)) {
            LlamaModelWriter.write(m, half, DataType.FLOAT16, DEMO, Map.of());
        }
        return half;
    }

    private static void assertSameScores(LlamaModel lean, LlamaModel reference, SortedSet<Integer> protectedLayers,
                                         DepthCriterion criterion, CalibrationWindows cal) {
        double[] a = DepthPruner.blockScores(lean, protectedLayers, criterion, cal, PruneListener.none(),
                CancellationToken.none());
        double[] b = WholeModelDepth.blockScores(reference, protectedLayers, criterion, cal);
        for (int i = 0; i < b.length; i++) {
            if (protectedLayers.contains(i)) {
                assertTrue(Double.isNaN(a[i]) && Double.isNaN(b[i]), criterion + " block " + i + " is protected");
            } else {
                assertTrue(b[i] > 0, criterion + " block " + i + ": reference score " + b[i]);
                // bit for bit: the same ops on the same values in the same order (measured: no difference at all)
                assertEquals(b[i], a[i], 0.0, criterion + " block " + i);
            }
        }
        int candidates = b.length - protectedLayers.size();
        for (int k = 1; k <= candidates; k++) {
            assertEquals(DepthPruner.lowest(b, k), DepthPruner.lowest(a, k), criterion + ": the " + k + " removed blocks");
        }
    }

    private static void assertSameFolders(Path source, DataType stored, List<Integer> removed, Path tmp)
            throws IOException {
        Path inMemory = tmp.resolve("in-memory");
        Path streamed = tmp.resolve("streamed");
        try (Checkpoint ck = Checkpoint.open(source)) {
            try (LlamaModel m = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT32);
                 LlamaModel pruned = WholeModelDepth.removeBlocks(m, removed)) {
                LlamaModelWriter.write(pruned, inMemory, stored, source, SOURCE);
            }
            DepthPruner.write(ck, removed, stored, streamed, SOURCE, PruneListener.none(), CancellationToken.none());
        }
        List<String> names = FolderBytes.list(inMemory, Set.of());
        assertTrue(names.containsAll(List.of("model.safetensors", "config.json", "tokenizer.json")), names.toString());
        FolderBytes.assertSameFiles(inMemory, streamed, Set.of());
    }
}
