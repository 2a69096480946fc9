package dev.rankadaptor.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.Json;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class SearchRecordsTest {
    @Test
    void rankSpaceValidatesSamplesLazilyAndScales() {
        RankSpace s = RankSpace.of(26);
        assertEquals(BigInteger.valueOf(11).pow(26), s.size());
        assertEquals(27.07, s.log10Size(), 0.01);
        assertEquals(0f, s.scale(2));
        assertEquals(1f, s.scale(12));
        assertEquals(0.5f, new RankSpace(3, List.of(8)).scale(8));
        int[] counts = new int[13];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 2000; i++) {
            int[] r = s.sample(rnd);
            assertTrue(s.contains(r));
            counts[r[5]]++;
        }
        for (int r = 2; r <= 12; r++) {
            assertTrue(counts[r] > 120 && counts[r] < 250, "rank " + r + " drawn " + counts[r]);
        }
        assertEquals("candidateRanks", assertThrows(InvalidFieldException.class, () -> new RankSpace(4, List.of(2, 2))).field());
        assertEquals("candidateRanks", assertThrows(InvalidFieldException.class, () -> new RankSpace(4, List.of(0, 2))).field());
        assertEquals("layers", assertThrows(InvalidFieldException.class, () -> new RankSpace(0, List.of(2))).field());
        assertEquals(List.of(2, 4, 6), new RankSpace(2, List.of(6, 2, 4)).candidateRanks());
        assertFalse(s.contains(new int[]{13}));
    }

    @Test
    void trialRecordRoundTripsWithNaNPredictionAndTaskScores() throws Exception {
        ObjectMapper m = Json.compact();
        TrialRecord r = new TrialRecord(3, TrialPhase.INITIAL, new int[]{2, 12, 8}, 77L, Double.NaN, 61.5,
                Map.of("boolq", 63.0, "piqa", 60.0), 1234);
        String json = m.writeValueAsString(r);
        TrialRecord back = m.readValue(json, TrialRecord.class);
        assertEquals(r, back);
        assertTrue(Double.isNaN(back.predicted()));
        assertEquals(63.0, back.taskScores().get("boolq"));
        assertEquals("score", assertThrows(InvalidFieldException.class,
                () -> new TrialRecord(0, TrialPhase.SEARCH, new int[]{2}, 0, 1, Double.NaN, null, 0)).field());
    }

    @Test
    void configsNameTheBadField() {
        SearchConfig d = SearchConfig.defaults(1);
        assertEquals("candidatesPerIteration", assertThrows(InvalidFieldException.class, () -> d.withCandidates(0)).field());
        assertEquals("convergenceThreshold", assertThrows(InvalidFieldException.class, () -> d.withConvergence(-1, 2)).field());
        assertEquals("hidden", assertThrows(InvalidFieldException.class,
                () -> new ModelConfig(List.of(32, 0), ModelConfig.Activation.RELU, 0.01, 1, 1, 0)).field());
        assertEquals("learningRate", assertThrows(InvalidFieldException.class,
                () -> new ModelConfig(List.of(32), ModelConfig.Activation.RELU, 0, 1, 1, 0)).field());
    }

    @Test
    void noiseStatsFlagsDifferencesByWelchTest() {
        double[] a = {63.0, 64.1, 65.2, 67.3};
        double[] b = {63.5, 64.0, 66.0, 65.5};
        assertEquals(64.9, NoiseStats.mean(a), 1e-9);
        assertEquals(Math.sqrt(10.1 / 3), NoiseStats.std(a), 1e-9);
        NoiseStats.Comparison c = NoiseStats.compare(a, b);
        assertTrue(c.withinNoise(), c.describe());
        NoiseStats.Comparison far = NoiseStats.compare(new double[]{70, 70.2, 69.9}, new double[]{60, 60.3, 59.8});
        assertFalse(far.withinNoise(), far.describe());
        assertEquals(10.0, far.difference(), 0.01);
        assertTrue(far.welchT() > 20);
        assertFalse(NoiseStats.compare(new double[]{70}, new double[]{60, 61}).known(), "one repeat: noise unknown");
    }

    @Test
    void configsRoundTripThroughJson() throws Exception {
        ObjectMapper m = Json.mapper();
        SearchConfig c = SearchConfig.defaults(42).withModel(
                new ModelConfig(List.of(32, 64, 32), ModelConfig.Activation.TANH, 5e-3, 150, 30, 1e-4));
        assertEquals(c, m.readValue(m.writeValueAsString(c), SearchConfig.class));
        RankSpace s = new RankSpace(26, RankSpace.PAPER_CANDIDATES);
        assertEquals(s, m.readValue(m.writeValueAsString(s), RankSpace.class));
        String bad = m.writeValueAsString(c).replace("\"candidatesPerIteration\" : 4096", "\"candidatesPerIteration\" : 0");
        var e = assertThrows(com.fasterxml.jackson.databind.JsonMappingException.class, () -> m.readValue(bad, SearchConfig.class));
        assertInstanceOf(InvalidFieldException.class, e.getCause());
    }
}
