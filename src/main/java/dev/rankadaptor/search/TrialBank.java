package dev.rankadaptor.search;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;

/**
 * Measured trials from earlier runs (other tasks, pruning ratios or models with the same number of
 * prunable layers), grouped by source, for meta-learning the performance model's initialisation.
 * Each source is z-scored on its own before pooling (see {@link MetaLearner}).
 */
public record TrialBank(List<Source> sources) {
    /**
     * One earlier run or task.
     *
     * @param name   shown in messages (e.g. "llama-7b/20%/boolq")
     * @param trials its measured trials (phase does not matter)
     */
    public record Source(String name, List<TrialRecord> trials) {
        public Source {
            if (name == null || name.isBlank()) {
                throw new InvalidFieldException("bank.source.name", "is required");
            }
            trials = trials == null ? List.of() : List.copyOf(trials);
        }
    }

    public TrialBank {
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    public static TrialBank empty() {
        return new TrialBank(List.of());
    }

    public boolean isEmpty() {
        return sources.stream().allMatch(s -> s.trials().size() < 2);
    }

    public int trialCount() {
        return sources.stream().mapToInt(s -> s.trials().size()).sum();
    }
}
