package dev.rankadaptor.search;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Resume from journalled records makes exactly the decisions of an uninterrupted run. */
class SearchResumeTest {
    static final RankSpace SPACE = RankSpace.of(26);

    static SearchConfig config(SearchConfig.RefitMode mode) {
        SearchConfig d = SearchConfig.defaults(99).withMaxTrials(12).withCandidates(512)
                .withConvergence(1e-9, 1000).withModel(ModelConfig.defaults().withEpochs(60, 20));
        return new SearchConfig(5, d.bankInitialTrials(), d.candidatesPerIteration(), 0.25, d.maxTrials(),
                d.convergenceThreshold(), d.convergencePatience(), 0, d.seed(), d.model(), mode, 50, 16);
    }

    /** Runs trials until {@code crashAfter} have finished, then throws like a killed process. */
    static final class Crash extends RuntimeException {
    }

    @Test
    void crashAfterFiveTrialsThenResumeEqualsUninterruptedRun() throws Exception {
        for (SearchConfig.RefitMode mode : SearchConfig.RefitMode.values()) {
            SearchConfig cfg = config(mode);
            SyntheticObjective full = new SyntheticObjective(SPACE, 5, 0.3);
            SearchResult uninterrupted = new SearchLoop(SPACE, cfg).run(full, SearchListener.NONE, new SearchControl());
            assertEquals(12, uninterrupted.trials().size());

            SyntheticObjective first = new SyntheticObjective(SPACE, 5, 0.3);
            List<TrialRecord> journal = new ArrayList<>();
            SearchListener journalling = new SearchListener() {
                @Override
                public void trialFinished(TrialRecord record) {
                    journal.add(record);
                }
            };
            TrialRunner crashing = (int[] ranks, long seed, CancellationToken token) -> {
                if (journal.size() == 5) {
                    throw new Crash();
                }
                return first.run(ranks, seed, token);
            };
            assertThrows(Crash.class, () -> new SearchLoop(SPACE, cfg).run(crashing, journalling, new SearchControl()));
            assertEquals(5, journal.size());

            String json = Json.compact().writeValueAsString(journal);
            List<TrialRecord> replayed = Json.compact().readValue(json, new TypeReference<List<TrialRecord>>() { });
            assertEquals(journal, replayed);

            SyntheticObjective second = new SyntheticObjective(SPACE, 5, 0.3);
            List<TrialRecord> announced = new ArrayList<>();
            SearchListener after = new SearchListener() {
                @Override
                public void trialFinished(TrialRecord record) {
                    announced.add(record);
                }
            };
            SearchResult resumed = new SearchLoop(SPACE, cfg, TrialBank.empty(), replayed).run(second, after, new SearchControl());
            assertEquals(7, second.calls, "finished trials must not be re-run");
            assertEquals(5, announced.get(0).index());
            assertEquals(-1, resumed.replayMismatch());
            assertEquals(uninterrupted.trials().size(), resumed.trials().size());
            for (int i = 0; i < 12; i++) {
                TrialRecord a = uninterrupted.trials().get(i);
                TrialRecord b = resumed.trials().get(i);
                assertArrayEquals(a.ranks(), b.ranks(), mode + " trial " + i);
                assertEquals(a.phase(), b.phase());
                assertEquals(a.seed(), b.seed());
                assertEquals(a.predicted(), b.predicted(), 0.0, mode + " prediction of trial " + i);
                assertEquals(a.score(), b.score(), 0.0);
            }
            assertEquals(uninterrupted.best().index(), resumed.best().index());
            assertArrayEquals(uninterrupted.best().ranks(), resumed.best().ranks());
            assertEquals(uninterrupted.model().targetMean(), resumed.model().targetMean(), 0.0);
            assertArrayEquals(uninterrupted.model().weights().get(0), resumed.model().weights().get(0), 0f);
        }
    }

    @Test
    void journalThatDisagreesWithTheConfigurationIsKeptAndFlagged() {
        SearchConfig cfg = config(SearchConfig.RefitMode.INCREMENTAL).withMaxTrials(7);
        SyntheticObjective obj = new SyntheticObjective(SPACE, 5, 0.3);
        SearchResult base = new SearchLoop(SPACE, cfg).run(obj, SearchListener.NONE, new SearchControl());
        List<TrialRecord> altered = new ArrayList<>(base.trials().subList(0, 3));
        TrialRecord t = altered.get(2);
        int[] other = t.ranks();
        other[0] = other[0] == 2 ? 3 : 2;
        altered.set(2, new TrialRecord(2, t.phase(), other, t.seed(), t.predicted(), t.score(), t.taskScores(), t.durationMs()));
        SearchResult resumed = new SearchLoop(SPACE, cfg, TrialBank.empty(), altered).run(obj, SearchListener.NONE, new SearchControl());
        assertEquals(2, resumed.replayMismatch());
        assertArrayEquals(other, resumed.trials().get(2).ranks());
    }

    @Test
    void recordsOutOfOrderAreRefusedNamingTheField() {
        SyntheticObjective obj = new SyntheticObjective(SPACE, 5, 0.3);
        TrialRecord r = new TrialRecord(1, TrialPhase.INITIAL, RandomSearch.ranksFor(SPACE, 1, 1), 1, Double.NaN, 1, null, 0);
        var e = assertThrows(dev.rankadaptor.common.InvalidFieldException.class,
                () -> new SearchLoop(SPACE, config(SearchConfig.RefitMode.INCREMENTAL), TrialBank.empty(), List.of(r)));
        assertEquals("trials[0].index", e.field());
        assertEquals(0, obj.calls);
    }

    @Test
    void randomSearchResumesToTheSameSequence() {
        SyntheticObjective a = new SyntheticObjective(SPACE, 2, 0.3);
        SearchResult full = new RandomSearch(SPACE, 6, 4).run(a, SearchListener.NONE, new SearchControl());
        SyntheticObjective b = new SyntheticObjective(SPACE, 2, 0.3);
        SearchResult resumed = new RandomSearch(SPACE, 6, 4, 0, full.trials().subList(0, 2)).run(b, SearchListener.NONE, new SearchControl());
        assertEquals(4, b.calls);
        assertEquals(full.trials(), resumed.trials());
        SearchResult loop = new SearchLoop(SPACE, config(SearchConfig.RefitMode.INCREMENTAL).withSeed(4).withMaxTrials(3))
                .run(new SyntheticObjective(SPACE, 2, 0.3), SearchListener.NONE, new SearchControl());
        assertArrayEquals(full.trials().get(0).ranks(), loop.trials().get(0).ranks(), "initial trials pair with random search");
    }
}
