package dev.rankadaptor.bench;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.eval.EvalItem;
import dev.rankadaptor.eval.PairEncoder;
import dev.rankadaptor.eval.PairEncoding;
import dev.rankadaptor.eval.ScoringModeBenchmark;
import dev.rankadaptor.eval.TaskData;
import dev.rankadaptor.eval.TaskFolder;
import dev.rankadaptor.eval.TaskKind;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.LlamaScorer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Shared-context scoring (context once through the KV cache, choices as one batch) against
 * scoring every (context, choice) pair alone, on the demo model's 4-choice tasks, measured in
 * the same run with identical scores required. Target: >= 1.8x.
 */
public final class ScoringBench {
    private ScoringBench() {
    }

    public static String run(Path demoFolder) {
        try (Checkpoint ckpt = Checkpoint.open(demoFolder);
             LlamaModel m = LlamaModels.load(ckpt.config(), ckpt.layout(), ckpt.tensors(), Device.cpu(), DataType.FLOAT32)) {
            List<EvalItem> items = new ArrayList<>();
            for (TaskData d : TaskFolder.loadAll(demoFolder.resolve("data/tasks"), List.of(TaskKind.HELLASWAG, TaskKind.ARC_EASY))) {
                items.addAll(d.items().subList(0, Math.min(60, d.items().size())));
            }
            PairEncoder enc = new PairEncoder(ckpt.tokenizer(), PairEncoding.SEPARATE, ckpt.config().eosTokenId());
            var r = ScoringModeBenchmark.run(new LlamaScorer(m), enc, items, CancellationToken.none());
            return r.describe() + System.lineSeparator() + "(target: shared >= 1.8x faster than per-pair, identical predictions)";
        }
    }
}
