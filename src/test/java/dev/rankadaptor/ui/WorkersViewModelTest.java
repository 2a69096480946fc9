package dev.rankadaptor.ui;

import dev.rankadaptor.experiment.RecoveryMethod;
import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.experiment.ExecutionBackend;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.pipeline.TrialPool;
import dev.rankadaptor.pipeline.TrialSpec;
import dev.rankadaptor.ui.backend.JournalRows;
import dev.rankadaptor.ui.recovery.RecoverySearchViewModel;
import dev.rankadaptor.ui.run.WorkersViewModel;
import dev.rankadaptor.ui.trials.TrialRow;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The Run panel's workers list, the panel's execution fields and failed trials in the trials table, without a Stage. */
class WorkersViewModelTest {
    /** A pool that only reports what the test sets and records cancels. */
    static final class ScriptedPool implements TrialPool {
        volatile List<WorkerStatus> now = List.of();
        final List<Integer> cancelled = new ArrayList<>();

        public int capacity() {
            return 2;
        }

        public void submit(TrialSpec spec, List<JournalRecord.TrialDispatched> recorded) {
            throw new UnsupportedOperationException("the view model never submits");
        }

        public int outstanding() {
            return now.size();
        }

        public Completion await(CancellationToken cancel) {
            throw new UnsupportedOperationException("the view model never waits");
        }

        public void cancel(int index) {
            cancelled.add(index);
        }

        public List<WorkerStatus> snapshot() {
            return now;
        }

        public void close() {
        }
    }

    @Test
    void rowsFollowThePoolsSnapshotAndCancelGoesToThePool() {
        WorkersViewModel vm = new WorkersViewModel();
        List<String> log = new ArrayList<>();
        vm.setLog(log::add);
        ScriptedPool pool = new ScriptedPool();
        var a = new TrialPool.WorkerStatus(3, "rankadaptor", "[2, 4]", "running", "cuda:0", 1, 12.5, "step 1\n  training 2/4");
        var b = new TrialPool.WorkerStatus(4, "rankadaptor", "[4, 4]", "retrying", "", 2, 0, "");
        pool.now = List.of(a);
        vm.attach(pool);
        assertEquals(List.of(a), vm.rows());
        pool.now = List.of(a, b);
        assertEquals(1, vm.rows().size(), "rows change only when the view refreshes");
        vm.refresh();
        assertEquals(List.of(a, b), vm.rows());
        vm.cancel(4);
        assertEquals(List.of(4), pool.cancelled);
        assertEquals(List.of("cancel requested for trial 4"), log);
        assertEquals("training 2/4", WorkersViewModel.lastLine(a.logTail()));
        vm.detach();
        assertTrue(vm.rows().isEmpty());
        vm.cancel(3);
        assertEquals(List.of(4), pool.cancelled, "nothing to cancel after the run");
    }

    @Test
    void executionFieldsAreValidatedByTheExecutionSection() {
        RecoverySearchViewModel vm = new RecoverySearchViewModel();
        assertEquals(ExecutionBackend.INPROCESS, vm.executionProperty().get().backend());
        vm.field("backend").set("local");
        vm.field("workers").set("2");
        vm.field("devices").set("cuda:0, cuda:1");
        assertEquals("", vm.errorProperty().get());
        assertEquals(List.of("cuda:0", "cuda:1"), vm.executionProperty().get().devices());
        vm.field("workers").set("3");
        assertFalse(vm.isValid(), "an invalid execution field blocks the run like any other");
        assertTrue(vm.errorProperty().get().startsWith("execution.workers"), vm.errorProperty().get());
        vm.field("devices").set("");
        vm.field("backend").set("cloud");
        assertTrue(vm.errorProperty().get().startsWith("execution.backend"), vm.errorProperty().get());
    }

    @Test
    void aSearchTrialThatFailedForGoodIsARowWithItsReason() {
        var started = new JournalRecord.TrialStarted(5, TrialPhase.SEARCH, RecoveryMethod.RANKADAPTOR, List.of(8, 4, 2), 7, 0.41);
        var failed = new JournalRecord.TrialFailed(5, "worker exited with status 1 (3 attempts)", "boom", 3);
        List<TrialRow> rows = JournalRows.failedSearchRows(List.of(started, failed,
                new JournalRecord.TrialStarted(6, TrialPhase.REPEAT, RecoveryMethod.LORA_UNIFORM, List.of(8, 8, 8), 1, null),
                new JournalRecord.TrialFailed(6, "cancelled by the user")));
        assertEquals(1, rows.size(), "repeats are not search trials");
        TrialRow r = rows.get(0);
        assertEquals(5, r.getIndex());
        assertTrue(Double.isNaN(r.getMeasured()));
        assertEquals(0.41, r.getPredicted());
        assertEquals("failed: worker exited with status 1 (3 attempts)", r.statusText());
        assertEquals("ok", JournalRows.trialRow(new JournalRecord.TrialFinished(1, TrialPhase.INITIAL, RecoveryMethod.RANKADAPTOR, List.of(2, 2, 2), 1,
                null, 0.5, java.util.Map.of(), new dev.rankadaptor.experiment.LossSummary(1, 1, 1, 1), 0, 0, "cpu")).statusText());
    }
}
