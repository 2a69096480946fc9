package dev.rankadaptor.pipeline;

import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.common.InvalidFieldException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One trial as the run's coordinator hands it to a worker process or cluster job: which run, which
 * journal index, what to measure. A worker runs it with the {@code trial} command's worker mode
 * ({@link #workerArgs}) and writes its result to {@code trials/<index>/attempt-<a>.result.json}.
 *
 * @param runDir        the run folder (absolute; on a filesystem the worker sees at the same path)
 * @param index         the trial's global journal index
 * @param method        method recorded in the journal (rankadaptor, random_search, lora_uniform, ...)
 * @param phase         initial, search, baseline or repeat
 * @param ranks         one LoRA rank per layer of the pruned model; null = AdaLoRA (ranks come out of training)
 * @param seed          the trial seed
 * @param finalSubset   evaluate on the final subset (repeats) instead of the search subset
 * @param exportAdapter folder to write the trial's PEFT adapter to, or null
 * @param predicted     the performance model's prediction (journal only), or null
 */
public record TrialSpec(Path runDir, int index, RecoveryMethod method, TrialPhase phase, int[] ranks, long seed,
                        boolean finalSubset, Path exportAdapter, Double predicted) {
    public TrialSpec {
        if (runDir == null) {
            throw new InvalidFieldException("run_dir", "is required");
        }
        runDir = runDir.toAbsolutePath().normalize();
        if (index < 0) {
            throw new InvalidFieldException("index", "must be >= 0, was " + index);
        }
        if (method == null || phase == null) {
            throw new InvalidFieldException("method", "method and phase are required");
        }
        ranks = ranks == null ? null : ranks.clone();
    }

    @Override
    public int[] ranks() {
        return ranks == null ? null : ranks.clone();
    }

    /** True for an AdaLoRA trial. */
    public boolean adalora() {
        return ranks == null;
    }

    /** Arguments of the {@code trial} command (after the launcher) that run attempt {@code attempt} on {@code device}. */
    public List<String> workerArgs(int attempt, String device) {
        List<String> a = new ArrayList<>(List.of("trial", runDir.toString(), "--worker",
                "--index", Integer.toString(index), "--attempt", Integer.toString(attempt),
                "--method", method.id(), "--phase", phase.id(), "--seed", Long.toString(seed), "--device", device));
        if (ranks != null) {
            a.add("--ranks");
            a.add(Arrays.stream(ranks).mapToObj(Integer::toString).collect(Collectors.joining(",")));
        } else {
            a.add("--adalora");
        }
        if (finalSubset) {
            a.add("--final-subset");
        }
        if (exportAdapter != null) {
            a.add("--export");
            a.add(exportAdapter.toAbsolutePath().toString());
        }
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrialSpec t && t.index == index && t.runDir.equals(runDir);
    }

    @Override
    public int hashCode() {
        return runDir.hashCode() * 31 + index;
    }
}
