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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The block-by-block importance ({@link TaylorImportance#compute}) against the whole-model
 * backward it replaces ({@link TaylorImportance#computeWholeModel}): bit-identical scores,
 * same kept heads and channels, for every importance kind.
 */
class LayerwiseTaylorTest {
    private static final Path DEMO = Path.of("sample-projects/tiny-llama-demo");

    @Test
    void demoModelKeepsTheSameGroupsAsTheWholeModelPath() {
        try (Checkpoint ck = Checkpoint.open(DEMO);
             LlamaModel m = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT32)) {
            CalibrationWindows cal = CalibrationWindows.fromFile(DEMO.resolve("data/calibration.txt"), ck.tokenizer(),
                    4, 48, 3);
            PruningConfig cfg = PruningConfig.blockLocal(0.5, Path.of("x.txt"));
            PruningPlan plan = PrunedWidths.plan(cfg, m.config(), m.layout(), 4);
            for (ImportanceKind kind : ImportanceKind.values()) {
                assertSameSelections(m, m, plan, kind, cal);
            }
        }
    }

    @Test
    void unevenGqaModelKeepsTheSameGroups() {
        LlamaConfig c = PruneFixtures.config(4);
        LayerLayout uneven = new LayerLayout(List.of(new LayerLayout.Layer(4, 2, 40), new LayerLayout.Layer(2, 1, 23),
                new LayerLayout.Layer(4, 2, 17), new LayerLayout.Layer(2, 1, 40)));
        try (LlamaModel m = LlamaModels.random(c, uneven, 11, 0.3, Device.cpu(), DataType.FLOAT32)) {
            PruningConfig cfg = PruningConfig.blockLocal(0.5, Path.of("x.txt")).withProtectedLayers(Set.of(0));
            PruningPlan plan = PrunedWidths.plan(cfg, m.config(), m.layout(), 4);
            for (ImportanceKind kind : ImportanceKind.values()) {
                assertSameSelections(m, m, plan, kind, PruneFixtures.calibration(5));
            }
        }
    }

    /** F16 weights stay F16 in the layer-wise path (computed per block in F32): same as loading them as F32. */
    @Test
    void float16WeightsScoreAsTheirFloat32Widening(@TempDir Path tmp) {
        try (LlamaModel source = PruneFixtures.model(3, 23)) {
            LlamaModelWriter.write(source, tmp, DataType.FLOAT16, null, Map.of());
        }
        try (Checkpoint ck = Checkpoint.open(tmp);
             LlamaModel half = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT16);
             LlamaModel full = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT32)) {
            PruningConfig cfg = PruningConfig.blockLocal(0.5, Path.of("x.txt")).withProtectedLayers(Set.of(0));
            PruningPlan plan = PrunedWidths.plan(cfg, full.config(), full.layout(), 2);
            for (ImportanceKind kind : ImportanceKind.values()) {
                assertSameSelections(half, full, plan, kind, PruneFixtures.calibration(9));
            }
            assertEquals(DataType.FLOAT16, half.layer(1).weight(dev.rankadaptor.model.Projection.Q).getDataType());
        }
    }

    private static void assertSameSelections(LlamaModel lean, LlamaModel reference, PruningPlan plan,
                                             ImportanceKind kind, CalibrationWindows cal) {
        ImportanceScores a = TaylorImportance.compute(lean, plan.prunableLayers(), kind, cal, PruneListener.none(),
                CancellationToken.none());
        ImportanceScores b = TaylorImportance.computeWholeModel(reference, plan.prunableLayers(), kind, cal,
                PruneListener.none(), CancellationToken.none());
        assertEquals(b.layers().keySet(), a.layers().keySet());
        for (LayerPlan l : plan.layers()) {
            if (!l.narrowed()) {
                continue;
            }
            LayerImportance x = a.layer(l.index());
            LayerImportance y = b.layer(l.index());
            assertClose(y.headGroups(), x.headGroups(), kind + " layer " + l.index() + " heads");
            assertClose(y.channels(), x.channels(), kind + " layer " + l.index() + " channels");
            GroupSelection sa = GroupSelection.keepHighest(x, l.after().kvHeads(), l.after().mlpWidth());
            GroupSelection sb = GroupSelection.keepHighest(y, l.after().kvHeads(), l.after().mlpWidth());
            assertArrayEquals(sb.keptHeadGroups(), sa.keptHeadGroups(), kind + " layer " + l.index() + " kept heads");
            assertArrayEquals(sb.keptChannels(), sa.keptChannels(), kind + " layer " + l.index() + " kept channels");
        }
    }

    /** Bit for bit: same ops on the same values in the same order (measured: no difference at all). */
    private static void assertClose(double[] expected, double[] actual, String what) {
        assertTrue(java.util.Arrays.stream(expected).anyMatch(e -> e != 0), what + ": all scores zero");
        assertArrayEquals(expected, actual, what);
    }
}
