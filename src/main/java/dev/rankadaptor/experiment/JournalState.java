package dev.rankadaptor.experiment;

import dev.rankadaptor.search.TrialPhase;
import java.util.List;
import java.util.Optional;

/**
 * What a run's journal replays to: the finished trials in the order they finished, the trial that
 * was started but neither finished nor failed (to be re-run on resume), the status, and the notes.
 * Resume, the report and the GUI all start from this, so the journal is the single source of truth.
 *
 * @param status          where the run stands
 * @param started         the run_started record (null for NEW)
 * @param resumes         how many run_resumed records followed
 * @param pruned          the last pruned record, or null
 * @param finished        trial_finished records, in journal order
 * @param inFlight        the trial started last and not finished or failed, or null
 * @param failed          trial_failed records, in journal order
 * @param lastModelUpdate the last model_updated record, or null
 * @param converged       the converged record, or null
 * @param notes           notes, in journal order
 * @param warnings        problems replay tolerated (a torn last line, a trial recorded twice)
 * @param nextTrialIndex  1 + the largest trial index seen (0 when none)
 */
public record JournalState(RunStatus status, JournalRecord.RunStarted started, int resumes, JournalRecord.Pruned pruned,
                       List<JournalRecord.TrialFinished> finished, JournalRecord.TrialStarted inFlight,
                       List<JournalRecord.TrialFailed> failed, JournalRecord.ModelUpdated lastModelUpdate,
                       JournalRecord.Converged converged, List<JournalRecord.Note> notes, List<String> warnings,
                       int nextTrialIndex) {
    public JournalState {
        finished = List.copyOf(finished);
        failed = List.copyOf(failed);
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
    }

    /** The finished trial with this index, if any. */
    public Optional<JournalRecord.TrialFinished> trial(int index) {
        return finished.stream().filter(t -> t.index() == index).findFirst();
    }

    /** True when the trial finished (so resume must not re-run it). */
    public boolean isFinished(int index) {
        return trial(index).isPresent();
    }

    /** Finished trials of one phase, in order. */
    public List<JournalRecord.TrialFinished> finishedInPhase(TrialPhase phase) {
        return finished.stream().filter(t -> t.phase() == phase).toList();
    }

    /** The run needs resuming: it was started and neither finished nor cancelled. */
    public boolean resumable() {
        return status == RunStatus.ACTIVE || status == RunStatus.PAUSED || status == RunStatus.STOPPED;
    }
}
