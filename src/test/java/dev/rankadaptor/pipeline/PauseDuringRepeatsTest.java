package dev.rankadaptor.pipeline;

import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.search.SearchControl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pause takes effect between repeat trials too, and resume finishes the run. */
class PauseDuringRepeatsTest {
    @Test
    void pauseRequestedDuringARepeatWaitsAfterItThenResumes(@TempDir Path tmp) throws Exception {
        ProjectFile pf = TinyProjectFixture.create(tmp.resolve("p"), 2, 2, List.of("lora_uniform"));
        SearchControl control = new SearchControl();
        CountDownLatch paused = new CountDownLatch(1);
        AtomicInteger repeatsFinished = new AtomicInteger();
        RunListener listener = new RunListener() {
            @Override
            public void trialStarted(JournalRecord.TrialStarted t) {
                if (t.phase() == TrialPhase.REPEAT && repeatsFinished.get() == 0) {
                    control.pause();
                }
            }

            @Override
            public void trialFinished(JournalRecord.TrialFinished t) {
                if (t.phase() == TrialPhase.REPEAT) {
                    repeatsFinished.incrementAndGet();
                }
            }

            @Override
            public void paused(String detail) {
                paused.countDown();
            }
        };
        try (RunDirectory dir = RunDirectory.create(pf)) {
            CompletableFuture<RunOutcome> run = CompletableFuture.supplyAsync(() -> new RunOrchestrator(dir, listener, control).run());
            assertTrue(paused.await(120, TimeUnit.SECONDS), "the run should report that it paused");
            Thread.sleep(500);
            assertEquals(1, repeatsFinished.get(), "the repeat in flight finishes, then the run waits");
            control.resume();
            RunOutcome out = run.get(120, TimeUnit.SECONDS);
            assertEquals(RunOutcome.Status.FINISHED, out.status());
            assertEquals(6, repeatsFinished.get(), "3 methods (LoRA, best trial, model's pick) x 2 seeds");
        }
    }
}
