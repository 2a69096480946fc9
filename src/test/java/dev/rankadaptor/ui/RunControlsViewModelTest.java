package dev.rankadaptor.ui;

import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.exec.UiExecutor;
import dev.rankadaptor.ui.run.RunController;
import dev.rankadaptor.ui.run.RunControlsViewModel;
import dev.rankadaptor.ui.run.RunState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** The run controls' state machine and the same-thread executor, without a Stage. */
class RunControlsViewModelTest {
    private final List<String> calls = new ArrayList<>();
    private final RunController controller = new RecordingRunController(calls);

    @Test
    void pauseResumeStopFollowTheStates() {
        RunControlsViewModel vm = new RunControlsViewModel(controller);
        assertTrue(vm.canStartProperty().get());
        assertFalse(vm.canPauseProperty().get());
        assertThrows(IllegalStateException.class, vm::pause);
        vm.start(false);
        assertEquals(RunState.RUNNING, vm.getState());
        assertFalse(vm.canStartProperty().get());
        vm.pause();
        assertEquals(RunState.PAUSING, vm.getState());
        assertFalse(vm.canResumeProperty().get(), "cannot resume before the trial ends");
        assertTrue(vm.canStopProperty().get());
        vm.onPaused();
        assertTrue(vm.canResumeProperty().get());
        vm.resume();
        vm.stop();
        assertEquals(RunState.STOPPING, vm.getState());
        assertFalse(vm.canPauseProperty().get());
        assertTrue(vm.canCancelProperty().get());
        vm.onFinished();
        assertEquals(1.0, vm.progressProperty().get());
        assertTrue(vm.canStartProperty().get());
        assertEquals(List.of("start", "pause", "resume", "stop"), calls);
    }

    @Test
    void cancelAndResumeFromJournal() {
        RunControlsViewModel vm = new RunControlsViewModel(controller);
        vm.start(false);
        vm.cancel();
        assertEquals(RunState.CANCELLING, vm.getState());
        assertFalse(vm.canCancelProperty().get());
        vm.onCancelled();
        vm.start(true);
        assertEquals(List.of("start", "cancel", "resume-journal"), calls);
        vm.onFailed("disk full");
        assertEquals("failed: disk full", vm.messageProperty().get());
    }

    @Test
    void progressEtaAndBoundedLog() {
        RunControlsViewModel vm = new RunControlsViewModel(controller);
        vm.onProgress(1.7, Duration.ofSeconds(3725));
        assertEquals(1.0, vm.progressProperty().get());
        assertEquals("1h 02m", vm.etaProperty().get());
        vm.onProgress(0.5, Duration.ofSeconds(65));
        assertEquals("1m 05s", vm.etaProperty().get());
        for (int i = 0; i < RunControlsViewModel.LOG_LIMIT + 10; i++) {
            vm.onLog("line " + i);
        }
        assertEquals(RunControlsViewModel.LOG_LIMIT, vm.log().size());
        assertEquals("line 10", vm.log().get(0));
    }

    @Test
    void sameThreadExecutorDeliversResultsAndFailures() {
        SameThreadUiExecutor ex = new SameThreadUiExecutor();
        AtomicReference<Object> got = new AtomicReference<>();
        UiExecutor.Job job = ex.submit("sum", token -> 1 + 2, got::set, got::set);
        assertEquals(3, got.get());
        assertFalse(job.token().isCancelled());
        ex.submit("boom", token -> {
            throw new IllegalStateException("bad");
        }, got::set, got::set);
        assertTrue(got.get() instanceof IllegalStateException);
        assertEquals(2, ex.submittedCount());
    }
}
