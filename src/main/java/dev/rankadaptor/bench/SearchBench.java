package dev.rankadaptor.bench;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.search.ModelConfig;
import dev.rankadaptor.search.PerformanceModel;
import dev.rankadaptor.search.RankSpace;
import dev.rankadaptor.search.SearchConfig;
import dev.rankadaptor.search.SearchControl;
import dev.rankadaptor.search.SearchListener;
import dev.rankadaptor.search.SearchLoop;
import dev.rankadaptor.search.SearchResult;
import dev.rankadaptor.search.TrialOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Measures the search's own cost on this machine, so the claim "bookkeeping is negligible next to
 * a trial" is a measured ratio: candidate prediction throughput (target >= 100,000/s), time per
 * model update, and the per-iteration bookkeeping (sampling + prediction + refit) of a full search
 * with an instant synthetic trial, as a fraction of a few trial durations.
 */
public final class SearchBench {
    private SearchBench() {
    }

    public static void main(String[] args) {
        System.out.print(run());
    }

    public static String run() {
        StringBuilder out = new StringBuilder();
        RankSpace space = RankSpace.of(26);
        ModelConfig mc = ModelConfig.defaults();
        out.append(String.format(Locale.ROOT, "search bench: L=%d, candidates %s (10^%.1f vectors), MLP %s %s, %d CPU threads available, system load average %.1f%n",
                space.layers(), space.candidateRanks(), space.log10Size(), mc.hidden(), mc.activation(),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        try (PerformanceModel model = new PerformanceModel(space, mc, 1)) {
            SplittableRandom rnd = new SplittableRandom(3);
            List<int[]> ranks = new ArrayList<>();
            double[] scores = new double[40];
            for (int i = 0; i < scores.length; i++) {
                ranks.add(space.sample(rnd));
                scores[i] = 50 + rnd.nextGaussian();
            }
            model.fit(ranks, scores, 20);
            for (int batch : new int[]{4096, 65_536}) {
                int[] flat = space.sampleFlat(rnd, batch);
                model.predictFlat(flat, batch);
                int reps = 0;
                long sampleNs = 0;
                long predictNs = 0;
                com.sun.management.OperatingSystemMXBean os =
                        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                while (System.nanoTime() - t0 < 1_500_000_000L || reps < 3) {
                    long a = System.nanoTime();
                    flat = space.sampleFlat(rnd, batch);
                    long b = System.nanoTime();
                    model.predictFlat(flat, batch);
                    long c = System.nanoTime();
                    sampleNs += b - a;
                    predictNs += c - b;
                    reps++;
                }
                double cpuS = (os.getProcessCpuTime() - cpu0) / 1e9;
                double perSec = (double) batch * reps / ((sampleNs + predictNs) / 1e9);
                double perCpuSec = (double) batch * reps / cpuS;
                out.append(String.format(Locale.ROOT,
                        "candidates/s (sample + predict, batch %d): %,.0f wall, %,.0f per process CPU-second"
                                + "  [sampling %.2f ms, predict %.2f ms per batch, wall]  target >= 100,000/s: %s%n",
                        batch, perSec, perCpuSec, sampleNs / 1e6 / reps, predictNs / 1e6 / reps, perSec >= 100_000 ? "met" : "NOT met (wall)"));
            }
            for (int n : new int[]{10, 40, 200}) {
                List<int[]> r = ranks.subList(0, Math.min(n, ranks.size()));
                List<int[]> rr = new ArrayList<>(r);
                while (rr.size() < n) {
                    rr.add(space.sample(rnd));
                }
                double[] s = new double[n];
                for (int i = 0; i < n; i++) {
                    s[i] = 50 + rnd.nextGaussian();
                }
                model.fit(rr, s, 10);
                long a = System.nanoTime();
                model.fit(rr, s, mc.updateEpochs());
                long b = System.nanoTime();
                model.fit(rr, s, mc.fitEpochs());
                long c = System.nanoTime();
                out.append(String.format(Locale.ROOT,
                        "model update on %d trials: %d epochs %.0f ms (%.2f ms/epoch), full refit %d epochs %.0f ms%n",
                        n, mc.updateEpochs(), (b - a) / 1e6, (b - a) / 1e6 / mc.updateEpochs(), mc.fitEpochs(), (c - b) / 1e6));
            }
        }
        int trials = 40;
        SearchConfig cfg = SearchConfig.defaults(7).withMaxTrials(trials).withConvergence(1e-9, 1000);
        long t0 = System.nanoTime();
        SearchResult result = new SearchLoop(space, cfg).run(
                (int[] r, long seed, CancellationToken token) -> TrialOutcome.of(50 + new SplittableRandom(seed).nextGaussian()),
                SearchListener.NONE, new SearchControl());
        double totalS = (System.nanoTime() - t0) / 1e9;
        double perIter = totalS / result.trials().size();
        out.append(String.format(Locale.ROOT,
                "full search, %d trials with an instant trial (M=%d, update %d epochs, importance + listener payload each update): %.2f s, %.0f ms bookkeeping per trial%n",
                result.trials().size(), cfg.candidatesPerIteration(), cfg.model().updateEpochs(), totalS, perIter * 1000));
        for (double trialSeconds : new double[]{10, 60, 600, 3600}) {
            out.append(String.format(Locale.ROOT, "  bookkeeping as a fraction of a %5.0f s trial: %.3f%%%n",
                    trialSeconds, 100 * perIter / trialSeconds));
        }
        return out.toString();
    }
}
