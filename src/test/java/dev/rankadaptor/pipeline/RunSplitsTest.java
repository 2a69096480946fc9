package dev.rankadaptor.pipeline;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.experiment.ItemPart;
import dev.rankadaptor.experiment.ItemSplit;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RecoverySection;
import dev.rankadaptor.recover.Recoverer;
import dev.rankadaptor.recover.Recovery;
import dev.rankadaptor.recover.RecoverySplit;
import dev.rankadaptor.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One recovery split and one item split per run, the same for every trial and every process of the run. */
class RunSplitsTest {
    @Test
    void trialsWithDifferentSeedsTrainOnTheSameExamplesAndTheItemSplitIsRecorded(@TempDir Path tmp) throws Exception {
        ProjectFile base = TinyProjectFixture.create(tmp.resolve("proj"), 2, 1, List.of());
        RecoverySection r = base.project().recovery();
        RecoverySection withValidation = new RecoverySection(r.targets(), r.baseRank(), r.alphaRule(), r.alpha(), 0.05,
                r.epochs(), r.batch(), r.microBatch(), r.lr(), r.warmupSteps(), r.cutoff(), r.trainOnResponses(), 3,
                r.dataFile(), 8);
        Project p = base.project();
        ProjectFile pf = ProjectFile.write(base.path(), new Project(p.name(), p.checkpoint(), p.pruning(), withValidation,
                p.search(), p.evaluation(), p.baselines(), p.device(), p.seed(), p.preset()));
        Path run = Files.createDirectories(tmp.resolve("run"));
        try (TrialWorkspace ws = TrialWorkspace.open(pf, pf.path().getParent(), DeviceChoice.parse("cpu"), run)) {
            int[] ranks = MethodRanks.uniform(ws.numLayers(), 4);
            int[] ids1;
            int[] ids2;
            double loss1;
            double loss2;
            try (Recovery a = ws.recoverLora(ranks, 1, TrainingListener.NONE, CancellationToken.none())) {
                ids1 = a.trainIds();
                loss1 = a.result().losses().get(0);
                assertEquals(Recoverer.optimizerSteps(ws.recoverySplit().train().size(),
                        ProjectMapping.recovery(withValidation, 1)), a.result().steps(),
                        "the step count AdaLoRA's schedule is sized with is the count the training makes");
            }
            try (Recovery b = ws.recoverLora(ranks, 2, TrainingListener.NONE, CancellationToken.none())) {
                ids2 = b.trainIds();
                loss2 = b.result().losses().get(0);
            }
            assertArrayEquals(ids1, ids2, "seeds 1 and 2 train on the same example ids");
            assertArrayEquals(ws.recoverySplit().trainIds(), ids1);
            assertNotEquals(loss1, loss2, "the seed still changes initialisation, dropout and order");
            var examples = ws.recoverySplit();
            int total = examples.train().size() + examples.validation().size();
            assertEquals(8, examples.validationIds().length);
            Set<Integer> train = new HashSet<>();
            for (int id : ids1) {
                train.add(id);
            }
            for (int id : examples.validationIds()) {
                assertFalse(train.contains(id), "validation example " + id + " is not trained on");
            }
            assertEquals(total, train.size() + 8);

            ItemSplit split = ws.itemSplit();
            assertEquals(split, ItemSplit.read(run.resolve(ItemSplit.FILE)), "the run folder records the split");
            for (ItemSplit.TaskParts t : split.tasks()) {
                Set<Integer> sel = new HashSet<>(t.selection());
                sel.retainAll(t.report());
                assertTrue(sel.isEmpty(), t.task() + ": selection and report share " + sel);
                assertEquals(t.reportTotal(), t.selection().size() + t.report().size());
            }
            var report = ws.evaluate(EvalScope.report(dev.rankadaptor.eval.Subset.all()), CancellationToken.none());
            var selection = ws.evaluate(EvalScope.selection(dev.rankadaptor.eval.Subset.all()), CancellationToken.none());
            for (int i = 0; i < report.tasks().size(); i++) {
                String task = report.tasks().get(i).task().id();
                assertEquals(split.task(task).report().size(), report.tasks().get(i).n());
                assertEquals(split.task(task).selection().size(), selection.tasks().get(i).n());
            }
        }
        // another process of the same run (resume, a trial job) reads the recorded split
        ItemSplit recorded = ItemSplit.read(run.resolve(ItemSplit.FILE));
        try (TrialWorkspace again = TrialWorkspace.open(pf, pf.path().getParent(), DeviceChoice.parse("cpu"), run)) {
            assertEquals(recorded, again.itemSplit());
            assertEquals(recorded.task("boolq").ids(ItemPart.REPORT), again.itemSplit().task("boolq").report());
        }
        RecoverySplit other = RecoverySplit.of(java.util.Collections.nCopies(40,
                dev.rankadaptor.train.TokenBatch.Example.plain(new int[]{1, 2})), 8, 5);
        assertNotEquals(java.util.Arrays.toString(other.trainIds()), java.util.Arrays.toString(
                RecoverySplit.of(java.util.Collections.nCopies(40, dev.rankadaptor.train.TokenBatch.Example.plain(new int[]{1, 2})),
                        8, 6).trainIds()), "a different split seed would give a different split");
    }
}
