package dev.rankadaptor.checkpoint;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.ModelStep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A folder holding only torch.save weights opens, inspects and computes exactly like its safetensors twin. */
class TorchCheckpointFolderTest {
    private static final long[] TOKENS = {1, 17, 5, 44, 9, 30, 2, 51, 11, 63};

    @TempDir
    Path dir;

    @Test
    void binFoldersInspectLikeTheirSafetensorsTwin() {
        try (Checkpoint st = Checkpoint.open(TorchFixtures.resource(TorchFixtures.SAFETENSORS));
             Checkpoint bin = Checkpoint.open(TorchFixtures.resource(TorchFixtures.BIN));
             Checkpoint sharded = Checkpoint.open(TorchFixtures.resource(TorchFixtures.SHARDED))) {
            assertTrue(st.isPruned(), "the fixture has uneven widths");
            assertEquals(3, st.layout().layer(1).heads());
            for (Checkpoint c : new Checkpoint[]{bin, sharded}) {
                assertEquals(st.config(), c.config());
                assertEquals(st.layout(), c.layout());
                assertEquals(st.parameterCount(), c.parameterCount());
                assertEquals(st.dtypeSummary(), c.dtypeSummary());
                assertEquals(st.dominantDtype(), c.dominantDtype());
                assertEquals(st.totalBytes(), c.totalBytes());
                assertEquals(st.tensorInfos().keySet(), c.tensorInfos().keySet());
            }
            assertTrue(sharded.tensors() instanceof ShardedCheckpoint s && s.shards().size() == 2);
        }
    }

    @Test
    void shardedEqualsUnsharded() {
        try (Checkpoint bin = Checkpoint.open(TorchFixtures.resource(TorchFixtures.BIN));
             Checkpoint sharded = Checkpoint.open(TorchFixtures.resource(TorchFixtures.SHARDED))) {
            TensorFile single = (TensorFile) bin.tensors();
            ShardedCheckpoint shards = (ShardedCheckpoint) sharded.tensors();
            for (String name : single.names()) {
                assertEquals(single.info(name).dtype(), shards.info(name).dtype(), name);
                assertEquals(single.rawBytes(name), shards.shardOf(name).rawBytes(name), name);
                assertArrayEquals(single.readFloats(name), shards.readFloats(name), name);
            }
        }
    }

    @Test
    void logitsOfTheBinFoldersEqualTheSafetensorsTwin() {
        float[] twin = logits(TorchFixtures.resource(TorchFixtures.SAFETENSORS));
        for (String f : new String[]{TorchFixtures.BIN, TorchFixtures.SHARDED}) {
            float[] got = logits(TorchFixtures.resource(f));
            assertEquals(twin.length, got.length);
            double max = 0;
            for (int i = 0; i < twin.length; i++) {
                max = Math.max(max, Math.abs(twin[i] - got[i]));
            }
            assertTrue(max <= 1e-6, f + ": largest logit difference " + max);
        }
        // the logits are not trivially equal: a different model gives different ones
        assertFalse(Math.abs(twin[0]) < 1e-9 && Math.abs(twin[1]) < 1e-9);
    }

    static float[] logits(Path folder) {
        try (Checkpoint ck = Checkpoint.open(folder);
             LlamaModel m = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT32);
             ModelStep s = m.newStep()) {
            return m.forward(s.manager().create(TOKENS, new Shape(1, TOKENS.length)), null, false).toFloatArray();
        }
    }

    @Test
    void safetensorsArePreferredAndPickleFolderProblemsAreNamed() throws Exception {
        Path both = TorchFixtures.copy(TorchFixtures.BIN, dir);
        Files.copy(TorchFixtures.resource(TorchFixtures.SAFETENSORS + "/model.safetensors"), both.resolve("model.safetensors"));
        try (Checkpoint c = Checkpoint.open(both)) {
            assertTrue(c.tensors() instanceof SafetensorsFile);
        }

        Path renamed = TorchFixtures.copy(TorchFixtures.BIN, dir.resolve("r"));
        Files.move(renamed.resolve("pytorch_model.bin"), renamed.resolve("consolidated.pth"));
        Files.writeString(renamed.resolve("training_args.bin"), "not weights");
        try (Checkpoint c = Checkpoint.open(renamed)) {
            assertTrue(c.tensors() instanceof TorchCheckpointFile);
        }

        Path two = TorchFixtures.copy(TorchFixtures.SHARDED, dir.resolve("two"));
        Files.delete(two.resolve(ShardedCheckpoint.TORCH_INDEX_FILE));
        UserInputException e = assertThrows(UserInputException.class, () -> Checkpoint.open(two));
        assertTrue(e.getMessage().contains("found 2 PyTorch files") && e.getMessage().contains(ShardedCheckpoint.TORCH_INDEX_FILE),
                e.getMessage());

        Path missing = TorchFixtures.copy(TorchFixtures.SHARDED, dir.resolve("missing"));
        Files.delete(missing.resolve("pytorch_model-00002-of-00002.bin"));
        e = assertThrows(UserInputException.class, () -> Checkpoint.open(missing));
        assertTrue(e.getMessage().contains("pytorch_model-00002-of-00002.bin") && e.getMessage().contains("missing"),
                e.getMessage());
    }
}
