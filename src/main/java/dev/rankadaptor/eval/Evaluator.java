package dev.rankadaptor.eval;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.Check;
import dev.rankadaptor.model.ContinuationScorer;

import java.util.ArrayList;
import java.util.List;

/**
 * Zero-shot evaluation of a model on the paper's tasks, the harness way: score every choice,
 * count argmax hits (acc) and length-normalised hits (acc_norm), report means with standard
 * errors. Depends only on {@link ContinuationScorer} and a {@link PairEncoder}, so it runs the same
 * on the LLaMA model and on test fakes. Cancellation is checked before every item.
 */
public final class Evaluator {
    private final ItemScorer itemScorer;
    private final PairEncoding pairEncoding;

    public Evaluator(ContinuationScorer scorer, PairEncoder encoder, ScoringMode mode) {
        this.itemScorer = new ItemScorer(scorer, encoder, mode);
        this.pairEncoding = encoder.rule();
    }

    /** Shared-context scoring, the fast path. */
    public Evaluator(ContinuationScorer scorer, PairEncoder encoder) {
        this(scorer, encoder, ScoringMode.SHARED);
    }

    /** Scores a single item (exposed for inspection and tests). */
    public ItemOutcome scoreItem(EvalItem item) {
        return itemScorer.score(item);
    }

    /** Evaluates one task on the chosen subset of its items. */
    public TaskResult evaluate(TaskData data, Subset subset, EvalListener listener, CancellationToken cancel) {
        Check.notNull("data", data);
        Check.notNull("subset", subset);
        Check.notNull("listener", listener);
        Check.notNull("cancel", cancel);
        TaskKind kind = data.kind();
        List<EvalItem> items = subset.apply(data.items());
        int n = items.size();
        listener.taskStarted(kind, n);
        double[] acc = new double[n];
        double[] accNorm = new double[n];
        for (int i = 0; i < n; i++) {
            cancel.throwIfCancelled();
            ItemOutcome o = itemScorer.score(items.get(i));
            acc[i] = o.correct() ? 1 : 0;
            accNorm[i] = o.correctNorm() ? 1 : 0;
            listener.itemsDone(kind, i + 1, n);
        }
        List<MetricValue> metrics = new ArrayList<>();
        MetricValue reported = null;
        for (Metric m : kind.metrics()) {
            double[] hits = m == Metric.ACC ? acc : accNorm;
            MetricValue v = new MetricValue(m, MetricStats.mean(hits), MetricStats.meanStderr(hits));
            metrics.add(v);
            if (m == kind.reportedMetric()) {
                reported = v;
            }
        }
        TaskResult result = new TaskResult(kind, n, data.size(), metrics, reported);
        listener.taskFinished(result);
        return result;
    }

    /** Evaluates several tasks in the given order and reports them with their average. */
    public EvalReport evaluateAll(List<TaskData> tasks, Subset subset, EvalListener listener, CancellationToken cancel) {
        List<TaskResult> results = new ArrayList<>(tasks.size());
        for (TaskData t : tasks) {
            results.add(evaluate(t, subset, listener, cancel));
        }
        return EvalReport.of(results, subset, pairEncoding);
    }
}
