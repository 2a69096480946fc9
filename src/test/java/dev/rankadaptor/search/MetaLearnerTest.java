package dev.rankadaptor.search;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class MetaLearnerTest {
    static final RankSpace SPACE = RankSpace.of(10);

    /** Sources share the response shape (same optimum and weights) but differ in level and scale. */
    static TrialBank bank(SyntheticObjective shape, int perSource) {
        List<TrialBank.Source> sources = new ArrayList<>();
        double[][] levels = {{40, 0.5}, {70, 2.0}, {55, 1.0}};
        for (int s = 0; s < levels.length; s++) {
            SplittableRandom rnd = new SplittableRandom(100 + s);
            List<TrialRecord> trials = new ArrayList<>();
            for (int i = 0; i < perSource; i++) {
                int[] r = SPACE.sample(rnd);
                double score = levels[s][0] + levels[s][1] * (shape.expected(r) - 60);
                trials.add(new TrialRecord(i, TrialPhase.SEARCH, r, i, Double.NaN, score, null, 0));
            }
            sources.add(new TrialBank.Source("task" + s, trials));
        }
        return new TrialBank(sources);
    }

    static double spearman(double[] a, double[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = NoiseStats.mean(ra);
        double mb = NoiseStats.mean(rb);
        double num = 0;
        double da = 0;
        double db = 0;
        for (int i = 0; i < a.length; i++) {
            num += (ra[i] - ma) * (rb[i] - mb);
            da += (ra[i] - ma) * (ra[i] - ma);
            db += (rb[i] - mb) * (rb[i] - mb);
        }
        return num / Math.sqrt(da * db);
    }

    static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        java.util.Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[idx[i]] = i;
        }
        return r;
    }

    @Test
    void pretrainedModelRanksUnseenConfigurationsOfANewTask() {
        SyntheticObjective shape = new SyntheticObjective(SPACE, 9, 0);
        TrialBank bank = bank(shape, 60);
        SplittableRandom rnd = new SplittableRandom(555);
        List<int[]> held = new ArrayList<>();
        double[] truth = new double[200];
        for (int i = 0; i < truth.length; i++) {
            int[] r = SPACE.sample(rnd);
            held.add(r);
            truth[i] = shape.expected(r);
        }
        try (PerformanceModel meta = new PerformanceModel(SPACE, ModelConfig.defaults(), 1);
             PerformanceModel cold = new PerformanceModel(SPACE, ModelConfig.defaults(), 1)) {
            double loss = MetaLearner.pretrain(meta, bank, 300);
            assertTrue(loss < 0.3, "pooled z-scored loss " + loss);
            double rhoMeta = spearman(meta.predict(held), truth);
            double rhoCold = spearman(cold.predict(held), truth);
            System.out.printf("meta-learned Spearman %.3f, untrained %.3f%n", rhoMeta, rhoCold);
            assertTrue(rhoMeta > 0.6, "meta-learned rank correlation " + rhoMeta);
            assertTrue(rhoMeta > rhoCold + 0.3, "meta " + rhoMeta + " vs untrained " + rhoCold);
        }
    }

    @Test
    void searchWithABankStartsFromFewerRandomTrials() {
        SyntheticObjective task = new SyntheticObjective(SPACE, 9, 0.1);
        SearchConfig cfg = SearchConfig.defaults(2).withMaxTrials(6).withCandidates(512)
                .withConvergence(1e-9, 100).withModel(ModelConfig.defaults().withEpochs(100, 30));
        SearchLoop loop = new SearchLoop(SPACE, cfg, bank(task, 40), List.of());
        assertEquals(2, loop.initialTrials());
        SearchResult res = loop.run(task, SearchListener.NONE, new SearchControl());
        assertEquals(TrialPhase.INITIAL, res.trials().get(1).phase());
        assertEquals(TrialPhase.SEARCH, res.trials().get(2).phase());
        assertTrue(Double.isFinite(res.trials().get(2).predicted()));
        assertThrows(dev.rankadaptor.common.InvalidFieldException.class, () -> {
            TrialRecord bad = new TrialRecord(0, TrialPhase.SEARCH, new int[]{2, 2}, 0, Double.NaN, 1, null, 0);
            TrialRecord bad2 = new TrialRecord(1, TrialPhase.SEARCH, new int[]{2, 3}, 0, Double.NaN, 2, null, 0);
            try (PerformanceModel m = new PerformanceModel(SPACE, ModelConfig.defaults(), 1)) {
                MetaLearner.pretrain(m, new TrialBank(List.of(new TrialBank.Source("wrong-L", List.of(bad, bad2)))), 5);
            }
        });
    }

    @Test
    void aRelatedBankMakesAShortSearchBetterThanStartingCold() {
        int trials = 12;
        int seeds = 3;
        double withBank = 0;
        double cold = 0;
        for (int s = 0; s < seeds; s++) {
            SyntheticObjective task = new SyntheticObjective(SPACE, 20 + s, 0.2);
            SearchConfig cfg = SearchConfig.defaults(s).withMaxTrials(trials).withCandidates(512)
                    .withConvergence(1e-9, 100).withModel(ModelConfig.defaults().withEpochs(100, 20));
            SearchResult a = new SearchLoop(SPACE, cfg, bank(task, 40), List.of()).run(task, SearchListener.NONE, new SearchControl());
            SearchResult b = new SearchLoop(SPACE, cfg).run(task, SearchListener.NONE, new SearchControl());
            withBank += task.expected(a.best().ranks()) / seeds;
            cold += task.expected(b.best().ranks()) / seeds;
        }
        System.out.printf("best after %d trials, mean over %d seeds (noise-free): with a related bank %.2f, cold start %.2f%n",
                trials, seeds, withBank, cold);
        assertTrue(withBank > cold + 0.5, "with bank " + withBank + " vs cold " + cold);
    }
}
