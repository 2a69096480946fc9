package dev.rankadaptor.prune;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LayoutManifest;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.Projection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruneJobTest {
    private static final int[] TOKENS = {1, 17, 5, 44, 9, 30, 2, 51, 11};

    @TempDir
    Path dir;

    private Path source(long seed) throws Exception {
        Path src = dir.resolve("base");
        try (LlamaModel m = PruneFixtures.model(4, seed)) {
            TinyCheckpointFolder.write(m, src);
        }
        return src;
    }

    @Test
    void blockPrunedCheckpointRoundTripsThroughTheLoader() throws Exception {
        Path src = source(31);
        Path text = TinyCheckpointFolder.text(dir.resolve("cal.txt"), 300, 1);
        Path out = dir.resolve("pruned");
        PruningConfig cfg = PruningConfig.blockLocal(0.5, text).withProtectedLayers(Set.of(0, 3))
                .withCalibration(text, 3, 16, 7);
        List<PrunePhase> phases = new ArrayList<>();
        PruneOutcome o = PruneJob.run(src, out, cfg, Device.cpu(), false, (p, f) -> {
            if (phases.isEmpty() || phases.get(phases.size() - 1) != p) {
                phases.add(p);
            }
        }, CancellationToken.none());
        assertEquals(List.of(PrunePhase.LOADING, PrunePhase.IMPORTANCE, PrunePhase.PRUNING, PrunePhase.WRITING), phases);
        assertEquals(o.plan().paramsAfter(), o.parametersAfter());
        try (Checkpoint ck = Checkpoint.open(out);
             Checkpoint base = Checkpoint.open(src);
             LlamaModel loaded = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT32);
             LlamaModel original = LlamaModels.load(base.config(), base.layout(), base.tensors(), Device.cpu(), DataType.FLOAT32)) {
            assertEquals(o.plan().layoutAfter(), ck.layout());
            assertTrue(Files.isRegularFile(out.resolve(LayoutManifest.FILE)));
            assertTrue(Files.isRegularFile(out.resolve("tokenizer.json")));
            assertArrayEquals(original.layer(0).weight(Projection.DOWN).toFloatArray(),
                    loaded.layer(0).weight(Projection.DOWN).toFloatArray());
            // the saved model computes exactly what pruning the original in memory computes
            try (LlamaModel again = BlockPruner.apply(original, o.keptGroups(), PruneListener.none(), CancellationToken.none())) {
                double err = PruneFixtures.maxAbsDiff(PruneFixtures.logits(again, TOKENS), PruneFixtures.logits(loaded, TOKENS));
                assertTrue(err < 1e-6, "saved vs in-memory pruned logits differ by " + err);
            }
        }
        JsonNode prov = Json.mapper().readTree(out.resolve(PruneProvenance.FILE).toFile());
        assertEquals(dev.rankadaptor.common.Sha256.ofFile(src.resolve("model.safetensors"), "weights"), prov.at("/source/sha256/model.safetensors").asText());
        assertEquals(7, prov.at("/config/seed").asLong());
        assertEquals(2, prov.at("/importance/layers").size());
        assertEquals(2, prov.at("/importance/layers/0/head_group_scores").size());
        assertEquals(40, prov.at("/importance/layers/0/channel_scores").size());
        assertEquals(20, prov.at("/importance/layers/0/removed_channels").size());
        assertNoTempFolders();
    }

    @Test
    void float16SourceGivesFloat16OutputWithProtectedTensorsByteIdentical() throws Exception {
        Path src = dir.resolve("base16");
        try (LlamaModel m = PruneFixtures.model(4, 35)) {
            TinyCheckpointFolder.write(m, src);
            dev.rankadaptor.model.LlamaModelWriter.write(m, src, DataType.FLOAT16, null, java.util.Map.of());
        }
        Path text = TinyCheckpointFolder.text(dir.resolve("cal.txt"), 300, 4);
        Path out = dir.resolve("pruned16");
        PruneJob.run(src, out, PruningConfig.blockLocal(0.5, text).withProtectedLayers(Set.of(0, 3))
                .withCalibration(text, 2, 16, 1), Device.cpu(), false, PruneListener.none(), CancellationToken.none());
        try (dev.rankadaptor.checkpoint.SafetensorsFile a = dev.rankadaptor.checkpoint.SafetensorsFile.open(src.resolve("model.safetensors"));
             dev.rankadaptor.checkpoint.SafetensorsFile b = dev.rankadaptor.checkpoint.SafetensorsFile.open(out.resolve("model.safetensors"))) {
            int compared = 0;
            for (String name : a.names()) {
                boolean pruned = name.startsWith("model.layers.1.") || name.startsWith("model.layers.2.");
                if (pruned && !name.endsWith("norm.weight")) {
                    assertTrue(a.info(name).elementCount() > b.info(name).elementCount(), name + " must shrink");
                    continue;
                }
                assertEquals(a.dtype(name), b.dtype(name), name);
                assertEquals(a.rawBytes(name), b.rawBytes(name), name + " bytes");
                compared++;
            }
            assertEquals(dev.rankadaptor.checkpoint.SafetensorsDtype.F16, b.dtype(Projection.Q.weightName(1)));
            assertTrue(compared >= 22, "compared " + compared);
        }
    }

    @Test
    void depthPrunedCheckpointLoadsWithFewerLayers() throws Exception {
        Path src = source(32);
        Path text = TinyCheckpointFolder.text(dir.resolve("cal.txt"), 300, 2);
        Path out = dir.resolve("short");
        PruningConfig cfg = PruningConfig.blockLocal(0.25, text).withMethod(PruningMethod.DEPTH)
                .withProtectedLayers(Set.of(0, 3)).withDepthCriterion(DepthCriterion.PERPLEXITY)
                .withCalibration(text, 2, 16, 3);
        PruneOutcome o = PruneJob.run(src, out, cfg, Device.cpu(), false, PruneListener.none(), CancellationToken.none());
        assertEquals(1, o.removedBlocks().size());
        assertTrue(o.removedBlocks().get(0) == 1 || o.removedBlocks().get(0) == 2);
        try (Checkpoint ck = Checkpoint.open(out)) {
            assertEquals(3, ck.layout().size());
            assertEquals(3, ck.config().numHiddenLayers());
            assertEquals(o.parametersAfter(), ck.parameterCount());
        }
        JsonNode prov = Json.mapper().readTree(out.resolve(PruneProvenance.FILE).toFile());
        assertTrue(prov.at("/importance/block_scores/0").isNull());
        assertEquals(o.removedBlocks().get(0).intValue(), prov.at("/importance/removed_blocks/0").asInt());
    }

    @Test
    void cancellationLeavesNoOutput() throws Exception {
        Path src = source(33);
        Path text = TinyCheckpointFolder.text(dir.resolve("cal.txt"), 300, 2);
        Path out = dir.resolve("never");
        CancellationToken token = CancellationToken.create();
        PruningConfig cfg = PruningConfig.blockLocal(0.5, text).withProtectedLayers(Set.of(0)).withCalibration(text, 3, 16, 1);
        assertThrows(CancelledException.class, () -> PruneJob.run(src, out, cfg, Device.cpu(), false, (p, f) -> {
            if (p == PrunePhase.IMPORTANCE && f > 0) {
                token.cancel();
            }
        }, token));
        assertFalse(Files.exists(out));
        assertNoTempFolders();
    }

    @Test
    void badInputsAreRefusedWithTheirFieldOrFileNamed() throws Exception {
        Path src = source(34);
        Path shortText = TinyCheckpointFolder.text(dir.resolve("short.txt"), 10, 2);
        PruningConfig cfg = PruningConfig.blockLocal(0.5, shortText).withProtectedLayers(Set.of(0));
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> PruneJob.run(src, dir.resolve("o1"),
                cfg, Device.cpu(), false, PruneListener.none(), CancellationToken.none()));
        assertEquals("calibration_text", e.field());
        assertTrue(e.getMessage().contains("short.txt") && e.getMessage().contains("64"), e.getMessage());

        Path existing = Files.createDirectories(dir.resolve("taken"));
        UserInputException taken = assertThrows(UserInputException.class, () -> PruneJob.run(src, existing, cfg,
                Device.cpu(), false, PruneListener.none(), CancellationToken.none()));
        assertTrue(taken.getMessage().contains("taken"), taken.getMessage());

        // a checkpoint whose tensors disagree with its config.json (hidden size 48 vs tensors of 32)
        Path goodText = TinyCheckpointFolder.text(dir.resolve("good.txt"), 300, 2);
        com.fasterxml.jackson.databind.node.ObjectNode c =
                (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(src.resolve("config.json").toFile());
        c.put("hidden_size", 48);
        c.put("head_dim", 12);
        Files.writeString(src.resolve("config.json"), c.toPrettyString());
        UserInputException bad = assertThrows(UserInputException.class, () -> PruneJob.run(src, dir.resolve("o2"),
                PruningConfig.blockLocal(0.5, goodText).withProtectedLayers(Set.of(0)), Device.cpu(), false,
                PruneListener.none(), CancellationToken.none()));
        assertTrue(bad.getMessage().contains("shape") || bad.getMessage().contains("48"), bad.getMessage());
    }

    private void assertNoTempFolders() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "temp folders left behind");
        }
    }
}
