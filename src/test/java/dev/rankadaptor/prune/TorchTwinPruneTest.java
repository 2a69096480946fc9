package dev.rankadaptor.prune;

import ai.djl.Device;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.SafetensorsFile;
import dev.rankadaptor.checkpoint.TorchFixtures;
import dev.rankadaptor.common.CancellationToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Block pruning a folder of torch.save shards gives byte for byte what pruning its safetensors twin gives. */
class TorchTwinPruneTest {
    @TempDir
    Path dir;

    @Test
    void prunesExactlyLikeTheSafetensorsTwin() throws Exception {
        Path text = TinyCheckpointFolder.text(dir.resolve("cal.txt"), 300, 5);
        Path[] outs = new Path[2];
        String[] sources = {TorchFixtures.SAFETENSORS, TorchFixtures.SHARDED};
        for (int i = 0; i < 2; i++) {
            Path src = TorchFixtures.copy(sources[i], dir.resolve("src" + i));
            TinyCheckpointFolder.tokenizer(src);
            outs[i] = dir.resolve("pruned" + i);
            PruningConfig cfg = PruningConfig.blockLocal(0.5, text).withProtectedLayers(Set.of())
                    .withCalibration(text, 2, 16, 9);
            PruneJob.run(src, outs[i], cfg, Device.cpu(), false, PruneListener.none(), CancellationToken.none());
        }
        try (Checkpoint a = Checkpoint.open(outs[0]); Checkpoint b = Checkpoint.open(outs[1])) {
            assertEquals(a.layout(), b.layout());
            try (Checkpoint before = Checkpoint.open(TorchFixtures.resource(TorchFixtures.SAFETENSORS))) {
                assertNotEquals(before.layout(), a.layout(), "pruning changed the widths");
            }
            SafetensorsFile fa = (SafetensorsFile) a.tensors();
            SafetensorsFile fb = (SafetensorsFile) b.tensors();
            assertEquals(fa.names(), fb.names());
            for (String name : fa.names()) {
                assertEquals(fa.info(name).dtype(), fb.info(name).dtype(), name);
                assertEquals(fa.rawBytes(name), fb.rawBytes(name), name);
            }
        }
    }
}
