package dev.rankadaptor.experiment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.search.TrialPhase;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One event of a run, one line of {@code journal.jsonl}. The journal is the run's memory: its state
 * (finished trials, the trial in flight, pause/stop) is whatever these records replay to, so every
 * record carries all it needs to be understood alone. The {@code type} key names the kind
 * (run_started, trial_finished, ...); keys are snake_case. Absent optional values (a prediction
 * before the model exists) are written as null, never as NaN.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = JournalRecord.RunStarted.class, name = "run_started"),
        @JsonSubTypes.Type(value = JournalRecord.RunResumed.class, name = "run_resumed"),
        @JsonSubTypes.Type(value = JournalRecord.Pruned.class, name = "pruned"),
        @JsonSubTypes.Type(value = JournalRecord.TrialStarted.class, name = "trial_started"),
        @JsonSubTypes.Type(value = JournalRecord.TrialFinished.class, name = "trial_finished"),
        @JsonSubTypes.Type(value = JournalRecord.TrialFailed.class, name = "trial_failed"),
        @JsonSubTypes.Type(value = JournalRecord.TrialDispatched.class, name = "trial_dispatched"),
        @JsonSubTypes.Type(value = JournalRecord.TrialAttemptFailed.class, name = "trial_attempt_failed"),
        @JsonSubTypes.Type(value = JournalRecord.ModelUpdated.class, name = "model_updated"),
        @JsonSubTypes.Type(value = JournalRecord.Converged.class, name = "converged"),
        @JsonSubTypes.Type(value = JournalRecord.RunPaused.class, name = "run_paused"),
        @JsonSubTypes.Type(value = JournalRecord.RunStopped.class, name = "run_stopped"),
        @JsonSubTypes.Type(value = JournalRecord.RunCancelled.class, name = "run_cancelled"),
        @JsonSubTypes.Type(value = JournalRecord.RunFinished.class, name = "run_finished"),
        @JsonSubTypes.Type(value = JournalRecord.Note.class, name = "note")
})
@JsonInclude(JsonInclude.Include.ALWAYS)
public sealed interface JournalRecord {

    /** The run began: which configuration (hash of the project snapshot) on which software. */
    record RunStarted(String runId, String projectHash, Versions versions) implements JournalRecord {
        public RunStarted {
            Fields.required("run_id", runId);
            Fields.required("project_hash", projectHash);
            if (versions == null) {
                throw new InvalidFieldException("versions", "is required");
            }
        }
    }

    /** The run was resumed (after a pause or a crash), possibly on other software or another host. */
    record RunResumed(Versions versions) implements JournalRecord {
        public RunResumed {
            if (versions == null) {
                throw new InvalidFieldException("versions", "is required");
            }
        }
    }

    /** The pruned model is ready (pruned now, or reused when {@code reused}); summary is human-readable. */
    record Pruned(String planSummary, double seconds, String pruningKey, boolean reused) implements JournalRecord {
        public Pruned {
            Fields.required("plan_summary", planSummary);
            Fields.atLeast("seconds", seconds, 0.0);
        }
    }

    /**
     * A trial began. {@code phase} says why it runs (e.g. initial, search, baseline, repeat),
     * {@code method} which method it measures (rankadaptor, lora_uniform, ...; null = the phase says),
     * {@code predicted} the performance model's prediction made before running it (null: none).
     */
    record TrialStarted(int index, TrialPhase phase, RecoveryMethod method, List<Integer> ranks, long seed, Double predicted)
            implements JournalRecord {
        public TrialStarted {
            Fields.atLeast("index", index, 0);
            if (phase == null) {
                throw new InvalidFieldException("phase", "is required");
            }
            ranks = checkedRanks(ranks);
            predicted = finiteOrNull(predicted);
        }

        public int[] rankArray() {
            return ranks.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** A trial's measurement: everything needed to use it again (search, trial bank, report) without the run. */
    record TrialFinished(int index, TrialPhase phase, RecoveryMethod method, List<Integer> ranks, long seed, Double predicted,
                         double score, Map<String, Double> taskScores, LossSummary loss, double trainSeconds,
                         double evalSeconds, String device) implements JournalRecord {
        public TrialFinished {
            Fields.atLeast("index", index, 0);
            if (phase == null) {
                throw new InvalidFieldException("phase", "is required");
            }
            ranks = checkedRanks(ranks);
            predicted = finiteOrNull(predicted);
            if (!Double.isFinite(score)) {
                throw new InvalidFieldException("score", "must be a finite number, was " + score);
            }
            if (taskScores == null) {
                throw new InvalidFieldException("task_scores", "is required");
            }
            for (Map.Entry<String, Double> e : taskScores.entrySet()) {
                if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                    throw new InvalidFieldException("task_scores." + e.getKey(), "must be a finite number, was " + e.getValue());
                }
            }
            taskScores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(taskScores));
            if (loss == null) {
                throw new InvalidFieldException("loss", "is required");
            }
            Fields.atLeast("train_seconds", trainSeconds, 0.0);
            Fields.atLeast("eval_seconds", evalSeconds, 0.0);
            device = Fields.required("device", device);
        }

        public int[] rankArray() {
            return ranks.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * A trial ended with an error and will not be run again: in-process at once, in a worker or job after
     * {@code attempts} tries (execution.retries + 1). {@code logTail} is the end of the last attempt's
     * log (null when there was none).
     */
    record TrialFailed(int index, String message, String logTail, Integer attempts) implements JournalRecord {
        public TrialFailed {
            Fields.atLeast("index", index, 0);
            message = message == null ? "" : message;
        }

        public TrialFailed(int index, String message) {
            this(index, message, null, null);
        }
    }

    /**
     * The coordinator handed attempt {@code attempt} (1, 2, ...) of trial {@code index} to a backend:
     * {@code handle} is what the backend needs to find it again after a coordinator restart (local: the
     * worker's pid; slurm: the job id), {@code worker} where it runs (device or node, as far as known).
     */
    record TrialDispatched(int index, int attempt, String backend, String handle, String worker) implements JournalRecord {
        public TrialDispatched {
            Fields.atLeast("index", index, 0);
            Fields.atLeast("attempt", attempt, 1);
            backend = Fields.required("backend", backend);
            handle = Fields.required("handle", handle);
            worker = worker == null ? "" : worker;
        }
    }

    /** One attempt of a trial ended without a result (worker died, non-zero exit, job failed); a retry may follow. */
    record TrialAttemptFailed(int index, int attempt, String reason, String logTail) implements JournalRecord {
        public TrialAttemptFailed {
            Fields.atLeast("index", index, 0);
            Fields.atLeast("attempt", attempt, 1);
            reason = Fields.required("reason", reason);
        }
    }

    /**
     * The performance model was (re)trained after trial {@code index}; {@code predictions} optionally
     * holds its predictions for the measured trials in the order they finished (null = not recorded).
     */
    record ModelUpdated(int index, double trainingLoss, List<Double> predictions) implements JournalRecord {
        public ModelUpdated {
            predictions = predictions == null ? null : predictions.stream().map(JournalRecord::finiteOrNull).toList();
        }
    }

    /** The search ended its iteration phase; reason says which criterion (threshold, budget, time). */
    record Converged(String reason) implements JournalRecord {
        public Converged {
            reason = Fields.required("reason", reason);
        }
    }

    /** Paused by the user after a trial; resume continues from the journal. */
    record RunPaused(String reason) implements JournalRecord {
    }

    /** Stopped by the user: no more search trials; baselines and report may still follow. */
    record RunStopped(String reason) implements JournalRecord {
    }

    /** Cancelled by the user mid-trial; the in-flight trial is discarded. */
    record RunCancelled(String reason) implements JournalRecord {
    }

    /** Everything done; results.json written. */
    record RunFinished(String summary) implements JournalRecord {
    }

    /** Free text from the user, about the run (trial null) or one trial. */
    record Note(String text, Integer trial) implements JournalRecord {
        public Note {
            text = Fields.required("text", text);
            if (trial != null) {
                Fields.atLeast("trial", trial, 0);
            }
        }
    }

    private static List<Integer> checkedRanks(List<Integer> ranks) {
        List<Integer> copy = Fields.nonEmptyList("ranks", ranks);
        for (int i = 0; i < copy.size(); i++) {
            Fields.atLeast("ranks[" + i + "]", copy.get(i), 0);
        }
        return copy;
    }

    /** NaN and infinities become null, so the journal never holds a non-JSON number. */
    private static Double finiteOrNull(Double v) {
        return v == null || !Double.isFinite(v) ? null : v;
    }
}
