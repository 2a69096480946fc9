package dev.rankadaptor.search;

import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.CancelledException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

class SearchControlTest {
    static final RankSpace SPACE = RankSpace.of(8);

    static SearchConfig cfg(int max) {
        return SearchConfig.defaults(3).withMaxTrials(max).withCandidates(256)
                .withModel(ModelConfig.defaults().withEpochs(40, 10));
    }

    @Test
    void stopFinishesTheCurrentTrialAndReports() {
        SearchControl control = new SearchControl();
        SyntheticObjective obj = new SyntheticObjective(SPACE, 1, 0.1);
        List<StopReason> reasons = new ArrayList<>();
        TrialRunner runner = (r, s, t) -> {
            if (obj.calls == 3) {
                control.stop();
            }
            return obj.run(r, s, t);
        };
        SearchResult res = new SearchLoop(SPACE, cfg(20)).run(runner, new SearchListener() {
            @Override
            public void converged(StopReason reason, String message) {
                reasons.add(reason);
            }
        }, control);
        assertEquals(StopReason.STOPPED, res.reason());
        assertEquals(4, res.trials().size());
        assertEquals(List.of(StopReason.STOPPED), reasons);
    }

    @Test
    void cancelAbandonsTheTrialInFlight() {
        SearchControl control = new SearchControl();
        SyntheticObjective obj = new SyntheticObjective(SPACE, 1, 0.1);
        TrialRunner runner = (r, s, t) -> {
            if (obj.calls == 2) {
                control.cancel();
                t.throwIfCancelled();
            }
            return obj.run(r, s, t);
        };
        SearchResult res = new SearchLoop(SPACE, cfg(20)).run(runner, SearchListener.NONE, control);
        assertEquals(StopReason.CANCELLED, res.reason());
        assertEquals(2, res.trials().size());
        assertThrows(CancelledException.class, control.token()::throwIfCancelled);
    }

    @Test
    void pauseWaitsAfterTheCurrentTrialUntilResumed() throws Exception {
        SearchControl control = new SearchControl();
        SyntheticObjective obj = new SyntheticObjective(SPACE, 1, 0.1);
        CountDownLatch paused = new CountDownLatch(1);
        TrialRunner runner = (r, s, t) -> {
            if (obj.calls == 1) {
                control.pause();
            }
            return obj.run(r, s, t);
        };
        AtomicReference<SearchResult> result = new AtomicReference<>();
        Thread th = new Thread(() -> result.set(new SearchLoop(SPACE, cfg(4)).run(runner, new SearchListener() {
            @Override
            public void paused(int nextIndex) {
                paused.countDown();
            }
        }, control)));
        th.start();
        assertTrue(paused.await(30, TimeUnit.SECONDS));
        Thread.sleep(300);
        assertEquals(2, obj.calls, "no trial runs while paused");
        control.resume();
        th.join(60_000);
        assertEquals(StopReason.MAX_TRIALS, result.get().reason());
        assertEquals(4, obj.calls);
    }

    @Test
    void convergesWhenPredictionsMatchForKConsecutiveTrials() {
        TrialRunner flat = (int[] r, long s, CancellationToken t) -> TrialOutcome.of(50.0);
        SearchConfig c = cfg(30).withConvergence(0.5, 2);
        List<ModelUpdate> updates = new ArrayList<>();
        SearchResult res = new SearchLoop(SPACE, c).run(flat, new SearchListener() {
            @Override
            public void modelUpdated(ModelUpdate update) {
                updates.add(update);
            }
        }, new SearchControl());
        assertEquals(StopReason.CONVERGED, res.reason());
        assertEquals(10, res.trials().size(), "8 initial + 2 predicted within 0.5");
        assertEquals(3, updates.size());
        assertEquals(SPACE.layers(), updates.get(0).importance().meanAbsEffect().length);
        assertEquals(8, updates.get(0).predicted().length);
        assertTrue(res.trials().get(9).predictionError() < 0.5);
    }

    @Test
    void timeBudgetStopsBetweenTrials() {
        SearchConfig d = cfg(100);
        SearchConfig c = new SearchConfig(d.initialTrials(), d.bankInitialTrials(), d.candidatesPerIteration(), 0, 100,
                1e-9, 1000, 1, 1, d.model(), d.refit(), d.metaEpochs(), 8);
        TrialRunner slow = (r, s, t) -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return TrialOutcome.of(1);
        };
        SearchResult res = new SearchLoop(SPACE, c).run(slow, SearchListener.NONE, new SearchControl());
        assertEquals(StopReason.TIME_BUDGET, res.reason());
        assertTrue(res.trials().size() >= 2 && res.trials().size() <= 5, "trials " + res.trials().size());
    }
}
