package dev.rankadaptor.prune;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.Checkpoint;
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
import java.util.stream.IntStream;

/**
 * The streaming writer against the in-memory path it replaces (gather a pruned model with
 * {@link BlockPruner#apply}, save it with {@link LlamaModelWriter}): every file byte for byte.
 */
class PrunedCheckpointWriterTest {
    private static final Map<String, String> SOURCE = Map.of("method", "block", "seed", "1");

    @Test
    void demoModelFolderIsByteIdentical(@TempDir Path tmp) throws IOException {
        assertSameFolders(Path.of("sample-projects/tiny-llama-demo"), DataType.FLOAT32, tmp,
                Map.of(2, new GroupSelection(new int[]{1}, IntStream.range(0, 352).filter(i -> i % 3 != 0).toArray()),
                        5, new GroupSelection(new int[]{0}, new int[]{4, 8, 15, 16, 23, 42}),
                        6, new GroupSelection(new int[]{0, 1}, IntStream.range(100, 300).toArray())));
    }

    @Test
    void float16SourceIsByteIdentical(@TempDir Path tmp) throws IOException {
        Path src = tmp.resolve("src");
        try (LlamaModel m = PruneFixtures.model(3, 5)) {
            TinyCheckpointFolder.write(m, src);
            LlamaModelWriter.write(m, src, DataType.FLOAT16, null, Map.of());
        }
        assertSameFolders(src, DataType.FLOAT16, tmp,
                Map.of(1, new GroupSelection(new int[]{1}, new int[]{0, 3, 9, 10, 11, 39})));
    }

    private static void assertSameFolders(Path source, DataType stored, Path tmp, Map<Integer, GroupSelection> kept)
            throws IOException {
        Path inMemory = tmp.resolve("in-memory");
        Path streamed = tmp.resolve("streamed");
        try (Checkpoint ck = Checkpoint.open(source)) {
            try (LlamaModel m = LlamaModels.load(ck.config(), ck.layout(), ck.tensors(), Device.cpu(), DataType.FLOAT32);
                 LlamaModel pruned = BlockPruner.apply(m, kept, PruneListener.none(), CancellationToken.none())) {
                LlamaModelWriter.write(pruned, inMemory, stored, source, SOURCE);
            }
            List<Integer> all = IntStream.range(0, ck.layout().size()).boxed().toList();
            PrunedCheckpointWriter.write(ck, all, kept, stored, streamed, SOURCE, PruneListener.none(),
                    CancellationToken.none());
        }
        FolderBytes.assertSameFiles(inMemory, streamed, Set.of());
    }
}
