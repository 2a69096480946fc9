package dev.rankadaptor.search;

import dev.rankadaptor.common.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelPickAndBudgetTest {
    private static final RankSpace SPACE = new RankSpace(8, RankSpace.PAPER_CANDIDATES);
    /** Layer i costs i + 1 per rank unit; the limit is 80 % of rank 8 everywhere. */
    private static final long[] COSTS = {1, 2, 3, 4, 5, 6, 7, 8};
    private static final ParameterBudget BUDGET = new ParameterBudget(COSTS, 100, 100 + (long) (0.8 * 8 * 36));

    private static SearchConfig cfg(int max) {
        return SearchConfig.defaults(9).withMaxTrials(max).withCandidates(512)
                .withModel(ModelConfig.defaults().withEpochs(100, 20)).withNoise(0, 2);
    }

    @Test
    void everySampledCandidateStaysWithinTheBudget() {
        SplittableRandom rnd = new SplittableRandom(1);
        int[] flat = BUDGET.sampleFlat(SPACE, rnd, 3000);
        for (int i = 0; i < 3000; i++) {
            assertTrue(BUDGET.fits(Arrays.copyOfRange(flat, i * 8, i * 8 + 8)), "candidate " + i);
        }
        ParameterBudget tight = new ParameterBudget(COSTS, 0, 3 * 36);
        for (int i = 0; i < 200; i++) {
            assertTrue(tight.fits(tight.sample(SPACE, rnd)), "repaired draws fit a tight budget too");
        }
        InvalidFieldException e = assertThrows(InvalidFieldException.class,
                () -> new ParameterBudget(COSTS, 0, 36).requireFeasible(SPACE, "search.parameter_budget"));
        assertEquals("search.parameter_budget", e.field());
    }

    @Test
    void searchRandomSearchAndTheModelsPickRespectTheBudget() {
        SyntheticObjective objective = new SyntheticObjective(SPACE, 4, 0.3);
        List<int[]> seen = new ArrayList<>();
        TrialRunner checking = (ranks, seed, token) -> {
            seen.add(ranks.clone());
            return objective.run(ranks, seed, token);
        };
        SearchConfig c = cfg(14);
        SearchResult res = new SearchLoop(SPACE, c, TrialBank.empty(), List.of(), BUDGET).run(checking, SearchListener.NONE, new SearchControl());
        new RandomSearch(SPACE, 14, c.seed(), 0, List.of(), BUDGET).run(checking, SearchListener.NONE, new SearchControl());
        ModelPick.Pick pick = ModelPick.choose(SPACE, c, BUDGET, res);
        assertNotNull(pick);
        assertTrue(BUDGET.fits(pick.ranks()), "the model's pick is within budget");
        assertEquals(28, seen.size());
        for (int[] r : seen) {
            assertTrue(BUDGET.fits(r), Arrays.toString(r) + " costs " + BUDGET.cost(r) + " > " + BUDGET.limit());
        }
    }

    @Test
    void noiseTrialsSetTheThresholdAndThePickIsMeasuredAsItsOwnTrial() {
        SyntheticObjective objective = new SyntheticObjective(SPACE, 5, 0.5);
        List<Double> thresholds = new ArrayList<>();
        SearchListener listener = new SearchListener() {
            @Override
            public void noiseMeasured(TrialNoise noise, double threshold) {
                thresholds.add(threshold);
            }
        };
        SearchConfig c = cfg(16);
        SearchResult res = new SearchLoop(SPACE, c).run(objective, listener, new SearchControl());
        List<TrialRecord> noise = res.trials().stream().filter(t -> t.phase() == TrialPhase.NOISE).toList();
        assertEquals(2, noise.size());
        int init = c.initialTrials();
        assertEquals(init, noise.get(0).index(), "noise trials follow the initial trials");
        for (TrialRecord t : noise) {
            assertArrayEquals(res.trials().get(0).ranks(), t.ranks());
            assertTrue(t.seed() != res.trials().get(0).seed());
        }
        double[] same = {res.trials().get(0).score(), noise.get(0).score(), noise.get(1).score()};
        assertEquals(List.of(NoiseStats.std(same)), thresholds, "threshold = std of the repeated configuration");
        assertEquals(NoiseStats.std(same), res.threshold(), 1e-15);

        ModelPick.Pick pick = ModelPick.choose(SPACE, c, ParameterBudget.unlimited(SPACE.layers()), res);
        ModelPick.Pick again = ModelPick.choose(SPACE, c, ParameterBudget.unlimited(SPACE.layers()), res);
        assertArrayEquals(pick.ranks(), again.ranks(), "the pick is deterministic");
        assertEquals(c.pickCandidates() + res.trials().size(), pick.candidates());
        try (PerformanceModel m = new PerformanceModel(SPACE, c.model(), c.seed())) {
            m.load(res.model());
            for (TrialRecord t : res.trials()) {
                assertTrue(m.predict(t.ranks()) <= pick.predicted() + 1e-9, "no measured trial is predicted higher than R*");
            }
        }
        TrialRecord measured = ModelPick.measure(SPACE, c.seed(), pick, res.trials().size(), objective, SearchListener.NONE, new SearchControl());
        assertEquals(TrialPhase.PICK, measured.phase());
        assertEquals(res.trials().size(), measured.index());
        assertEquals(SeedStreams.trialSeed(c.seed(), res.trials().size()), measured.seed());
        assertEquals(pick.predicted(), measured.predicted());
        // the model's pick is close to the optimum of the objective: its expected score beats the median trial
        double[] expected = res.trials().stream().mapToDouble(t -> objective.expected(t.ranks())).sorted().toArray();
        assertTrue(objective.expected(pick.ranks()) > expected[expected.length / 2],
                "R* " + objective.expected(pick.ranks()) + " vs median trial " + expected[expected.length / 2]);
    }

    @Test
    void equalRepeatsFallBackToTheScoreResolution() {
        List<TrialRecord> recs = List.of(
                new TrialRecord(0, TrialPhase.INITIAL, new int[]{2}, 1, Double.NaN, 0.50, Map.of(), 0),
                new TrialRecord(1, TrialPhase.INITIAL, new int[]{4}, 2, Double.NaN, 0.55, Map.of(), 0),
                new TrialRecord(2, TrialPhase.NOISE, new int[]{2}, 3, Double.NaN, 0.50, Map.of(), 0),
                new TrialRecord(3, TrialPhase.INITIAL, new int[]{6}, 4, Double.NaN, 0.52, Map.of(), 0));
        TrialNoise n = TrialNoise.of(recs);
        assertEquals(0.0, n.std());
        assertEquals(0.02, n.threshold(recs), 1e-12);
    }
}
