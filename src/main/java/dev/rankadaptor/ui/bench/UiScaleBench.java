package dev.rankadaptor.ui.bench;

import java.util.List;

import java.util.ArrayList;

import dev.rankadaptor.search.TrialPhase;

import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.workbench.WorkbenchView;
import dev.rankadaptor.ui.workbench.WorkbenchViewModel;
import javafx.application.Platform;
import javafx.scene.Scene;

import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark: cost of one new trial in the workbench (append to the trials model, then update the
 * heatmap, scatter and convergence data sets and lay out + render the charts and table) as the run
 * grows to {@code trials} trials of {@code layers} layers. Prints the time per trial at checkpoints
 * and the ratio between the last and the first, measured in one run. Needs a JavaFX platform
 * (a display, xvfb, or Monocle headless with -Dglass.platform=Monocle -Dmonocle.platform=Headless).
 */
public final class UiScaleBench {
    private UiScaleBench() {
    }

    public static void main(String[] args) throws Exception {
        int layers = args.length > 0 ? Integer.parseInt(args[0]) : 80;
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        System.out.println(runStandalone(layers, trials));
    }

    /**
     * The {@code bench ui} suite: starts JavaFX, runs the bench and stops JavaFX again. Without a
     * display the suite is skipped with a message saying how to run it (Xvfb), not a stack trace.
     */
    public static String runStandalone(int layers, int trials) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return "UI scale bench skipped: JavaFX could not start (" + e.getMessage()
                    + "); on a machine without a display run: xvfb-run -a ./rankadaptor bench ui";
        }
        started.await(10, TimeUnit.SECONDS);
        try {
            return String.join(System.lineSeparator(), run(layers, trials));
        } finally {
            Platform.exit();
        }
    }

    /**
     * Runs the benchmark and returns its report lines. The window is shown in a Stage and the
     * FX thread is released between batches: ChartFX locks data sets during layout and unlocks
     * them in the scene's post-layout pulse, which only runs for a shown scene.
     */
    public static java.util.List<String> run(int layers, int trials) throws Exception {
        WorkbenchViewModel vm = new WorkbenchViewModel(new SameThreadUiExecutor(), dev.rankadaptor.reference.PaperReference.bundled(),
                dev.rankadaptor.ui.run.RunController.inert());
        Scene scene = onFx(() -> {
            Scene sc = WorkbenchView.scene(vm);
            ((WorkbenchView) sc.getUserData()).show(WorkbenchView.CHARTS);
            javafx.stage.Stage stage = new javafx.stage.Stage();
            stage.setScene(sc);
            stage.show();
            return sc;
        });
        Random rnd = new Random(7);
        java.util.List<String> out = new java.util.ArrayList<>();
        report(out, String.format("UI scale bench: %d layers, %d synthetic trials. update = append to trials model + "
                + "all chart data sets refreshed (same-thread executor: one refresh per trial); render = scene snapshot", layers, trials));
        double first = Double.NaN;
        double last = Double.NaN;
        int window = Math.max(1, trials / 8);
        for (int done = 0; done < trials; done += window) {
            int from = done;
            int to = Math.min(trials, done + window);
            long updateNanos = onFx(() -> {
                long sum = 0;
                for (int i = from; i < to; i++) {
                    TrialRow t = syntheticTrial(i, layers, rnd);
                    long t0 = System.nanoTime();
                    vm.trials().trials().add(t);
                    sum += System.nanoTime() - t0;
                }
                return sum;
            });
            Thread.sleep(200); // let a pulse lay out and render, releasing the charts' locks
            long r0 = System.nanoTime();
            dev.rankadaptor.ui.charts.ScreenshotWriter.capture(scene).get(60, java.util.concurrent.TimeUnit.SECONDS);
            double renderMs = (System.nanoTime() - r0) / 1e6;
            Thread.sleep(200);
            double perTrialMs = updateNanos / 1e6 / (to - from);
            report(out, String.format("  trials %5d: update %.3f ms per new trial, full render %.1f ms", to, perTrialMs, renderMs));
            if (Double.isNaN(first)) {
                first = perTrialMs;
            }
            last = perTrialMs;
        }
        report(out, String.format("  update time ratio, last window / first window: %.2f", last / first));
        return out;
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(5, TimeUnit.MINUTES);
    }

    private static void report(java.util.List<String> out, String line) {
        out.add(line);
    }

    /**
     * Generated trials for scale tests, this benchmark and clearly-labelled screenshots: ranks drawn from
     * {2, 4, ..., 12}, a known smooth score function of the ranks plus Gaussian noise, and a "prediction"
     * equal to the noiseless score plus a smaller error. Never shown as real results.
     */
    private static final int[] SYNTHETIC_RANKS = {2, 4, 6, 8, 10, 12};

    public static List<TrialRow> syntheticTrials(int layers, int count, long seed) {
        Random rnd = new Random(seed);
        List<TrialRow> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(syntheticTrial(i, layers, rnd));
        }
        return out;
    }

    /** One trial at position {@code index}: the first 8 are "initial", the rest "search". */
    public static TrialRow syntheticTrial(int index, int layers, Random rnd) {
        int[] ranks = new int[layers];
        double truth = 0.5;
        for (int l = 0; l < layers; l++) {
            ranks[l] = SYNTHETIC_RANKS[rnd.nextInt(SYNTHETIC_RANKS.length)];
            double target = 4 + 8.0 * l / Math.max(1, layers - 1);
            truth -= 0.02 * Math.abs(ranks[l] - target) / layers;
        }
        double measured = truth + 0.004 * rnd.nextGaussian();
        boolean initial = index < 8;
        double predicted = initial ? Double.NaN : truth + 0.003 * rnd.nextGaussian();
        double[] tasks = new double[7];
        for (int t = 0; t < tasks.length; t++) {
            tasks[t] = measured + 0.03 * rnd.nextGaussian();
        }
        return new TrialRow(index, (initial ? TrialPhase.INITIAL : TrialPhase.SEARCH).id(), ranks, predicted, measured, tasks);
    }
}
