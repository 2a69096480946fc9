package dev.rankadaptor.search;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 5 "must hold": the model-guided search beats random search with the same trial budget. */
class SearchVersusRandomTest {
    static final int TRIALS = 30;

    @Test
    void modelGuidedSearchBeatsRandomSearchOnAverageOverSeeds() {
        RankSpace space = RankSpace.of(26);
        int seeds = 5;
        double[] model = new double[TRIALS];
        double[] random = new double[TRIALS];
        int wins = 0;
        for (int s = 0; s < seeds; s++) {
            SyntheticObjective objective = new SyntheticObjective(space, 1000 + s, 0.3);
            SearchConfig cfg = SearchConfig.defaults(s).withMaxTrials(TRIALS).withCandidates(2048)
                    .withConvergence(1e-9, 1000).withModel(ModelConfig.defaults().withEpochs(200, 50));
            SearchResult a = new SearchLoop(space, cfg).run(objective, SearchListener.NONE, new SearchControl());
            SearchResult b = new RandomSearch(space, TRIALS, s).run(objective, SearchListener.NONE, new SearchControl());
            double[] ca = a.bestSoFar();
            double[] cb = b.bestSoFar();
            for (int i = 0; i < TRIALS; i++) {
                model[i] += ca[i] / seeds;
                random[i] += cb[i] / seeds;
            }
            double ta = objective.expected(a.best().ranks());
            double tb = objective.expected(b.best().ranks());
            if (ta > tb) {
                wins++;
            }
            System.out.printf(Locale.ROOT, "seed %d: model-guided best %.2f (noise-free %.2f), random best %.2f (noise-free %.2f)%n",
                    s, a.best().score(), ta, b.best().score(), tb);
        }
        StringBuilder sb = new StringBuilder("trial  model-guided  random   (mean best-so-far over " + seeds + " seeds)\n");
        for (int i = 0; i < TRIALS; i++) {
            sb.append(String.format(Locale.ROOT, "%5d  %12.2f  %6.2f%n", i + 1, model[i], random[i]));
        }
        System.out.print(sb);
        assertTrue(model[TRIALS - 1] > random[TRIALS - 1] + 1.0,
                "model-guided mean final best " + model[TRIALS - 1] + " should beat random " + random[TRIALS - 1]);
        assertTrue(wins >= seeds * 2 / 3, "model-guided search should win on at least two thirds of " + seeds + " seeds, won " + wins);
    }
}
