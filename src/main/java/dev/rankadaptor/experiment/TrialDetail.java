package dev.rankadaptor.experiment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a run folder says about one trial, gathered for the workbench's drill-down: the journal's
 * start and finish (or failure) records with their times, the attempts handed to workers, the per-step
 * loss history ({@link TrialLossHistory}, null when the trial has none) and the end of its latest log.
 *
 * @param started    the trial_started record (null when the journal has only the finish, as a worker result)
 * @param finished   the trial_finished record, null while running or when it failed
 * @param failure    the trial_failed record, or null
 * @param startTime  ISO-8601 UTC time of the start record, null when unknown
 * @param finishTime ISO-8601 UTC time of the finish or failure record, null when not ended
 * @param attempts   one line per dispatch ("attempt 2: local on cuda:0 (12345)") and failed attempt
 * @param lossCurve  loss per optimizer step, null when not recorded
 * @param logTail    last lines of the trial's latest log ("" when there is none)
 * @param logSource  where {@code logTail} comes from (a file path or "journal"), "" when there is none
 */
public record TrialDetail(int index, JournalRecord.TrialStarted started, JournalRecord.TrialFinished finished,
                          JournalRecord.TrialFailed failure, String startTime, String finishTime, List<String> attempts,
                          double[] lossCurve, String logTail, String logSource) {
    public TrialDetail {
        if (started == null && finished == null && failure == null) {
            throw new IllegalArgumentException("trial " + index + " has no record in the journal");
        }
        attempts = List.copyOf(attempts);
        lossCurve = lossCurve == null ? null : lossCurve.clone();
        logTail = logTail == null ? "" : logTail;
        logSource = logSource == null ? "" : logSource;
    }

    @Override
    public double[] lossCurve() {
        return lossCurve == null ? null : lossCurve.clone();
    }

    /** finished, failed or running. */
    public String state() {
        return finished != null ? "finished" : failure != null ? "failed" : "running";
    }

    public String phase() {
        return finished != null ? finished.phase().id() : started != null ? started.phase().id() : "";
    }

    public String method() {
        String m = finished != null ? finished.method().id() : started != null ? started.method().id() : null;
        return m == null ? "" : m;
    }

    /** Ranks per layer: the measured ones (AdaLoRA's final ranks) when finished, else those it started with. */
    public int[] ranks() {
        return finished != null ? finished.rankArray() : started != null ? started.rankArray() : new int[0];
    }

    public Long seed() {
        return finished != null ? Long.valueOf(finished.seed()) : started != null ? Long.valueOf(started.seed()) : null;
    }

    /** The model's prediction made before the trial ran, null when there was none. */
    public Double predicted() {
        return finished != null && finished.predicted() != null ? finished.predicted() : started == null ? null : started.predicted();
    }

    /** The measured target score, null unless finished. */
    public Double measured() {
        return finished == null ? null : finished.score();
    }

    public Map<String, Double> taskScores() {
        return finished == null ? Map.of() : finished.taskScores();
    }

    /** Wall time from the start record to the finish or failure record, null when either is missing. */
    public Duration wallTime() {
        if (startTime == null || finishTime == null) {
            return null;
        }
        try {
            return Duration.between(Instant.parse(startTime), Instant.parse(finishTime));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
