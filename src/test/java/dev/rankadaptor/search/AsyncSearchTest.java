package dev.rankadaptor.search;

import dev.rankadaptor.common.CancellationToken;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The asynchronous batch search: one worker makes the sequential search's decisions; N workers keep
 * N trials in flight without proposing a pending configuration twice; replaying a journalled event
 * log (starts and arrivals interleaved) continues exactly as the uninterrupted run.
 */
class AsyncSearchTest {
    static final RankSpace SPACE = RankSpace.of(12);

    /**
     * Workers whose trials take a deterministic pseudo-random number of "ticks": next() returns the
     * pending trial that ends first, so arrivals come out of order as on real workers.
     */
    static final class FakeWorkers implements TrialDispatcher {
        final SyntheticObjective objective = new SyntheticObjective(SPACE, 5, 0.3);
        final List<SearchEvent> log = new ArrayList<>();
        final TreeMap<Long, Integer> ends = new TreeMap<>();
        final java.util.Map<Integer, int[]> ranks = new java.util.HashMap<>();
        final java.util.Map<Integer, Long> seeds = new java.util.HashMap<>();
        int maxInFlight;
        int crashAfterArrivals = Integer.MAX_VALUE;
        long clock;

        @Override
        public void dispatch(int index, int[] r, long seed, double predicted, TrialPhase phase) {
            log.add(SearchEvent.started(index, r, phase, predicted));
            ranks.put(index, r.clone());
            seeds.put(index, seed);
            ends.put((clock / 1000 + 1 + Math.floorMod(index * 7919L + 13, 5) * 10 + index) * 1000 + index, index);
            maxInFlight = Math.max(maxInFlight, ends.size());
        }

        /** Re-registers a trial still in flight after a "crash" (what a resumed pool does). */
        void adopt(int index, int[] r, long seed) {
            ranks.put(index, r.clone());
            seeds.put(index, seed);
            ends.put((clock / 1000 + 1 + Math.floorMod(index * 7919L + 13, 5) * 10 + index) * 1000 + index, index);
        }

        @Override
        public Arrival next() {
            if (log.stream().filter(e -> e.kind() == SearchEvent.Kind.FINISHED).count() >= crashAfterArrivals) {
                throw new IllegalStateException("crash");
            }
            var first = ends.pollFirstEntry();
            clock = first.getKey();
            int index = first.getValue();
            TrialOutcome o = objective.run(ranks.get(index), seeds.get(index), CancellationToken.none());
            SearchEvent started = log.stream().filter(e -> e.kind() == SearchEvent.Kind.STARTED && e.index() == index)
                    .findFirst().orElseThrow();
            log.add(SearchEvent.finished(new TrialRecord(index, started.phase(), ranks.get(index), seeds.get(index),
                    started.predicted(), o.score(), o.taskScores(), 5)));
            return new Arrival(index, o, null, 5);
        }
    }

    @Test
    void oneWorkerMakesTheSequentialSearchsDecisions() {
        SearchConfig cfg = SearchResumeTest.config(SearchConfig.RefitMode.INCREMENTAL);
        SearchResult seq = new SearchLoop(SPACE, cfg).run(new SyntheticObjective(SPACE, 5, 0.3), SearchListener.NONE, new SearchControl());
        FakeWorkers one = new FakeWorkers();
        SearchResult async;
        try (AsyncSearch s = AsyncSearch.rankAdaptor(SPACE, cfg, TrialBank.empty(), List.of())) {
            async = s.run(one, SearchListener.NONE, new SearchControl(), 1);
        }
        assertEquals(1, one.maxInFlight);
        assertEquals(seq.trials().size(), async.trials().size());
        for (int i = 0; i < seq.trials().size(); i++) {
            assertArrayEquals(seq.trials().get(i).ranks(), async.trials().get(i).ranks(), "trial " + i);
            assertEquals(seq.trials().get(i).score(), async.trials().get(i).score(), 0.0);
            assertEquals(seq.trials().get(i).predicted(), async.trials().get(i).predicted(), 0.0);
        }
    }

    @Test
    void threeWorkersKeepThreeInFlightAndNeverProposeAPendingConfigurationAgain() {
        SearchConfig cfg = SearchResumeTest.config(SearchConfig.RefitMode.INCREMENTAL);
        FakeWorkers w = new FakeWorkers();
        SearchResult r;
        try (AsyncSearch s = AsyncSearch.rankAdaptor(SPACE, cfg, TrialBank.empty(), List.of())) {
            r = s.run(w, SearchListener.NONE, new SearchControl(), 3);
        }
        assertEquals(3, w.maxInFlight);
        assertEquals(cfg.maxTrials(), r.trials().size());
        Set<String> seen = new HashSet<>();
        for (TrialRecord t : r.trials()) {
            assertTrue(seen.add(Arrays.toString(t.ranks())), "configuration measured twice: " + t);
        }
        List<Integer> arrival = r.trials().stream().map(TrialRecord::index).toList();
        assertNotEquals(arrival.stream().sorted().toList(), arrival, "the fake workers deliver out of order");
        assertTrue(r.trials().stream().anyMatch(t -> t.phase() == TrialPhase.SEARCH));
    }

    @Test
    void replayOfAnInterleavedJournalContinuesLikeTheUninterruptedRun() {
        for (SearchConfig.RefitMode mode : SearchConfig.RefitMode.values()) {
            SearchConfig cfg = SearchResumeTest.config(mode);
            FakeWorkers full = new FakeWorkers();
            try (AsyncSearch s = AsyncSearch.rankAdaptor(SPACE, cfg, TrialBank.empty(), List.of())) {
                s.run(full, SearchListener.NONE, new SearchControl(), 3);
            }
            FakeWorkers first = new FakeWorkers();
            first.crashAfterArrivals = 7;
            try (AsyncSearch s = AsyncSearch.rankAdaptor(SPACE, cfg, TrialBank.empty(), List.of())) {
                assertThrows(IllegalStateException.class, () -> s.run(first, SearchListener.NONE, new SearchControl(), 3));
            }
            List<SearchEvent> journal = List.copyOf(first.log);
            assertEquals(describe(full.log.subList(0, journal.size())), describe(journal), "same start until the crash");
            FakeWorkers second = new FakeWorkers();
            second.log.addAll(journal);
            second.clock = first.clock;
            Set<Integer> arrived = new HashSet<>();
            for (SearchEvent e : journal) {
                if (e.kind() == SearchEvent.Kind.FINISHED) {
                    arrived.add(e.index());
                }
            }
            for (SearchEvent e : journal) {
                if (e.kind() == SearchEvent.Kind.STARTED && !arrived.contains(e.index())) {
                    second.adopt(e.index(), e.ranks(), first.seeds.get(e.index()));
                }
            }
            SearchResult resumed;
            try (AsyncSearch s = AsyncSearch.rankAdaptor(SPACE, cfg, TrialBank.empty(), journal)) {
                resumed = s.run(second, SearchListener.NONE, new SearchControl(), 3);
            }
            assertEquals(-1, resumed.replayMismatch(), mode + ": replay agrees with the journal");
            assertEquals(describe(full.log, SearchEvent.Kind.STARTED), describe(second.log, SearchEvent.Kind.STARTED),
                    mode + ": same decisions after resume");
            assertEquals(new HashSet<>(describe(full.log, SearchEvent.Kind.FINISHED)),
                    new HashSet<>(describe(second.log, SearchEvent.Kind.FINISHED)), mode + ": same measurements");
            assertEquals(cfg.maxTrials(), resumed.trials().size());
        }
    }

    private static List<String> describe(List<SearchEvent> log, SearchEvent.Kind kind) {
        return describe(log.stream().filter(e -> e.kind() == kind).toList());
    }

    private static List<String> describe(List<SearchEvent> log) {
        return log.stream().map(e -> e.kind() + " " + e.index() + " " + (e.ranks() == null ? "" : Arrays.toString(e.ranks()))
                + " " + (e.record() == null ? "" : e.record().score() + "/" + e.record().predicted())).toList();
    }
}
