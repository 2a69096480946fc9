package dev.rankadaptor.demo;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.eval.EvalListener;
import dev.rankadaptor.eval.EvalReport;
import dev.rankadaptor.eval.Evaluator;
import dev.rankadaptor.eval.PairEncoder;
import dev.rankadaptor.eval.PairEncoding;
import dev.rankadaptor.eval.Subset;
import dev.rankadaptor.eval.TaskFolder;
import dev.rankadaptor.eval.TaskKind;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.LlamaScorer;
import dev.rankadaptor.model.Perplexity;
import dev.rankadaptor.prune.PruneJob;
import dev.rankadaptor.prune.PruneListener;
import dev.rankadaptor.prune.PruningConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The committed demo checkpoint: loads, scores above chance, and degrades as pruning grows. */
class DemoModelTest {
    static final Path DEMO = Path.of("sample-projects/tiny-llama-demo");
    static final List<TaskKind> TASKS = List.of(TaskKind.PIQA, TaskKind.WINOGRANDE, TaskKind.ARC_EASY, TaskKind.OPENBOOKQA);

    record Measured(double perplexity, EvalReport report) {
    }

    static Measured measure(Path checkpoint) throws Exception {
        try (Checkpoint ckpt = Checkpoint.open(checkpoint);
             LlamaModel m = LlamaModels.load(ckpt.config(), ckpt.layout(), ckpt.tensors(), Device.cpu(), DataType.FLOAT32)) {
            int[] ids = ckpt.tokenizer().encode(Files.readString(DEMO.resolve("data/calibration.txt")));
            double ppl = Perplexity.compute(m, Arrays.copyOf(ids, 2048), 128, CancellationToken.none()).perplexity();
            Evaluator ev = new Evaluator(new LlamaScorer(m), new PairEncoder(ckpt.tokenizer(), PairEncoding.SEPARATE, 2));
            EvalReport r = ev.evaluateAll(TaskFolder.loadAll(DEMO.resolve("data/tasks"), TASKS), Subset.first(50),
                    EvalListener.NONE, CancellationToken.none());
            return new Measured(ppl, r);
        }
    }

    @Test
    void demoModelScoresClearlyAboveChance() throws Exception {
        EvalReport r = measure(DEMO).report();
        for (TaskKind k : TASKS) {
            double acc = r.result(k).reported().value();
            assertTrue(acc > k.chanceLevel() + 0.15, k + " accuracy " + acc + " should be clearly above chance " + k.chanceLevel());
        }
    }

    @Test
    void perplexityAndAccuracyGetWorseAsThePruningRatioGrows(@TempDir Path tmp) throws Exception {
        Measured base = measure(DEMO);
        double lastPpl = base.perplexity();
        Measured last = base;
        for (double ratio : new double[]{0.2, 0.3, 0.5}) {
            Path out = tmp.resolve("p" + ratio);
            PruneJob.run(DEMO, out, PruningConfig.blockGlobal(ratio, DEMO.resolve("data/calibration.txt")), Device.cpu(),
                    false, PruneListener.none(), CancellationToken.none());
            Measured m = measure(out);
            assertTrue(m.perplexity() > lastPpl, "perplexity at " + ratio + " (" + m.perplexity() + ") should exceed " + lastPpl);
            lastPpl = m.perplexity();
            last = m;
        }
        assertTrue(last.report().average() < base.report().average() - 0.03,
                "50% pruning should cost accuracy: " + last.report().average() + " vs " + base.report().average());
    }
}
