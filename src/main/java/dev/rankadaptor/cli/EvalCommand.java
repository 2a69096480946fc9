package dev.rankadaptor.cli;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.eval.EvalListener;
import dev.rankadaptor.eval.EvalReport;
import dev.rankadaptor.eval.EvalTableFormatter;
import dev.rankadaptor.eval.Evaluator;
import dev.rankadaptor.eval.PairEncoder;
import dev.rankadaptor.eval.PairEncoding;
import dev.rankadaptor.eval.Subset;
import dev.rankadaptor.eval.TaskData;
import dev.rankadaptor.eval.TaskFolder;
import dev.rankadaptor.eval.TaskKind;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaScorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Zero-shot multiple-choice evaluation of a checkpoint on local task files. */
@Command(name = "eval", description = "Zero-shot evaluation on the 7 tasks (lm-eval-harness prompts and metrics).")
final class EvalCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "checkpoint folder")
    Path checkpoint;

    @Option(names = "--tasks-dir", required = true, description = "folder with boolq.jsonl, piqa.jsonl, ... (HF rows as JSONL/JSON/Parquet/Arrow), dataset folders, the HF hub or datasets cache, or original releases (docs/data-formats.md)")
    Path tasksDir;

    @Option(names = "--tasks", split = ",", description = "task ids (default: all 7): boolq,piqa,hellaswag,winogrande,arc_easy,arc_challenge,openbookqa")
    List<String> tasks;

    @Option(names = "--limit", defaultValue = "0", description = "first N items per task (0 = all)")
    int limit;

    @Option(names = "--random", defaultValue = "0", description = "a seeded random N items per task instead of the first N")
    int random;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--encoding", defaultValue = "SEPARATE",
            description = "pair tokenisation: SEPARATE (LLM-Pruner's harness, the paper's numbers) or JOINT (current harness)")
    PairEncoding encoding;

    @Option(names = "--json", description = "also write the report as JSON here")
    Path json;

    @Mixin
    ModelOptions model;

    @picocli.CommandLine.Mixin
    MemoryLimitOption memoryLimit;

    @Override
    public Integer call() {
        List<TaskKind> kinds = new ArrayList<>();
        if (tasks == null || tasks.isEmpty()) {
            kinds.addAll(List.of(TaskKind.values()));
        } else {
            for (String t : tasks) {
                kinds.add(TaskKind.parse(t));
            }
        }
        Subset subset = random > 0 ? Subset.random(random, seed) : limit > 0 ? Subset.first(limit) : Subset.all();
        List<TaskData> data = TaskFolder.loadAll(tasksDir, kinds);
        try (Checkpoint ckpt = Checkpoint.open(checkpoint)) {
            dev.rankadaptor.recover.BaseWeights weights = preflight(ckpt, data, encoding);
            try (LlamaModel m = weights.load(ckpt, model.resolvedDevice().toDjl())) {
                report(m, ckpt, data, subset);
            }
        }
        return 0;
    }

    /**
     * Refuses before the model is loaded when scoring the longest items will not fit in memory;
     * returns how the base is held (auto: F32 on the CPU where it fits, else F16 stored).
     */
    private dev.rankadaptor.recover.BaseWeights preflight(Checkpoint ckpt, List<TaskData> data, PairEncoding encoding) {
        int emptyContext = encoding == PairEncoding.SEPARATE ? ckpt.config().eosTokenId() : ckpt.config().bosTokenId();
        int[] longest = dev.rankadaptor.recover.RecoveryPreflight.longestItem(data,
                new PairEncoder(ckpt.tokenizer(), encoding, emptyContext));
        var preflight = new dev.rankadaptor.recover.RecoveryPreflight(model.resolvedDevice().toDjl(), model.scoringWeights(ckpt),
                1, 1, 1, false).preferF32WhenItFits(ckpt.config(), ckpt.layout(), false, longest[0], longest[1]);
        preflight.checkScore(ckpt.config(), ckpt.layout(), longest[0], longest[1]);
        return preflight.weights();
    }

    private void report(LlamaModel m, Checkpoint ckpt, List<TaskData> data, Subset subset) {
        EvalReport report = evaluate(m, ckpt, data, subset, encoding);
        System.out.println(EvalTableFormatter.plainText(report));
        if (json != null) {
            report.write(json);
        }
    }

    static EvalReport evaluate(LlamaModel m, Checkpoint ckpt, List<TaskData> data, Subset subset, PairEncoding encoding) {
        int emptyContext = encoding == PairEncoding.SEPARATE ? ckpt.config().eosTokenId() : ckpt.config().bosTokenId();
        Evaluator ev = new Evaluator(new LlamaScorer(m), new PairEncoder(ckpt.tokenizer(), encoding, emptyContext));
        ProgressLine progress = new ProgressLine(System.err, 3000);
        EvalListener listener = new EvalListener() {
            @Override
            public void itemsDone(TaskKind kind, int done, int total) {
                progress.update("eval " + kind.id(), done, total, "");
            }
        };
        return ev.evaluateAll(data, subset, listener, CancellationToken.none());
    }
}
