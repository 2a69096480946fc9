package dev.rankadaptor.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemScorerTest {
    private final FirstSightWordTokenizer tok = new FirstSightWordTokenizer();
    private final BigramScorer model = new BigramScorer(tok);

    private ItemScorer scorer(ScoringMode mode) {
        return new ItemScorer(model, new PairEncoder(tok, PairEncoding.JOINT, 1), mode);
    }

    @Test
    void boolqLogLikelihoodsAreTheHandComputedBigrams() {
        model.set("\nAnswer:", " yes", -0.2).set("\nAnswer:", " no", -1.6);
        EvalItem item = TaskKind.BOOLQ.definition().toItem(TaskDefinitionsTest.row(
                "{'passage':'Sky is blue','question':'is the sky blue','label':1}"));
        ItemOutcome o = scorer(ScoringMode.SHARED).score(item);
        assertArrayEquals(new double[]{-0.2, -1.6}, o.logLikelihoods(), 1e-12);
        assertEquals(0, o.predicted());
        assertTrue(o.correct());
        assertEquals(1, model.sharedCalls);
    }

    @Test
    void multiTokenContinuationSumsEveryBigramFromTheLastContextToken() {
        model.set("\nAnswer:", " twist", -1.0).set(" twist", " the", -0.5).set(" the", " lid", -0.25)
                .set("\nAnswer:", " hit", -0.5).set(" hit", " it", -1.0);
        EvalItem item = TaskKind.PIQA.definition().toItem(TaskDefinitionsTest.row(
                "{'goal':'open jar','sol1':'twist the lid','sol2':'hit it hard','label':0}"));
        ItemOutcome o = scorer(ScoringMode.SHARED).score(item);
        double sol1 = -1.0 + -0.5 + -0.25;
        double sol2 = -0.5 + -1.0 + BigramScorer.DEFAULT_LOGP; // (" it", " hard") is not in the table
        assertArrayEquals(new double[]{sol1, sol2}, o.logLikelihoods(), 1e-12);
        assertEquals(0, o.predicted());
        assertEquals(0, o.predictedNorm());
    }

    @Test
    void accNormDividesByCharactersNotTokens() {
        // choice 0: one token of 20 characters, ll -3 -> -0.15 per char, -3 per token
        // choice 1: two tokens, 3 characters,   ll -2 -> -0.667 per char, -1 per token
        String longWord = "aaaaaaaaaaaaaaaaaaaa";
        model.set("Q:", " " + longWord, -3.0).set("Q:", " b", -1.0).set(" b", " c", -1.0);
        McItem item = McItem.ofChoices("Q:", List.of(longWord, "b c"), 0);
        ItemOutcome o = scorer(ScoringMode.SHARED).score(item);
        assertArrayEquals(new double[]{-3.0, -2.0}, o.logLikelihoods(), 1e-12);
        assertEquals(1, o.predicted(), "acc: raw log-likelihood prefers the short choice");
        assertEquals(0, o.predictedNorm(), "acc_norm: per character the long choice wins (per token it would lose)");
        assertFalse(o.correct());
        assertTrue(o.correctNorm());
    }

    @Test
    void winograndeScoresTheSharedContinuationUnderEachOptionsContext() {
        // The options themselves: " the case" is far more likely than " the trophy" after "because",
        // but partial scoring only asks how likely " was too big." is after each filled-in context.
        model.set(" because", " the", -0.1).set(" the", " case", -0.1).set(" the", " trophy", -4.0)
                .set(" trophy", " was", -0.3).set(" case", " was", -2.0)
                .set(" was", " too", -1.0).set(" too", " big.", -1.0);
        PartialItem item = (PartialItem) TaskKind.WINOGRANDE.definition().toItem(TaskDefinitionsTest.row(
                "{'sentence':'The trophy did not fit because _ was too big.','option1':'the trophy','option2':'the case','answer':'1'}"));
        ItemOutcome o = scorer(ScoringMode.SHARED).score(item);
        assertArrayEquals(new double[]{-0.3 - 1.0 - 1.0, -2.0 - 1.0 - 1.0}, o.logLikelihoods(), 1e-12);
        assertEquals(0, o.predicted());
        assertTrue(o.correct());
        assertEquals(0, model.sharedCalls, "contexts differ: one score() call per option");
        assertEquals(2, model.singleContexts.size());
        assertArrayEquals(model.singleContinuations.get(0), model.singleContinuations.get(1));
        assertNotEquals(model.singleContexts.get(0)[model.singleContexts.get(0).length - 1],
                model.singleContexts.get(1)[model.singleContexts.get(1).length - 1]);
        assertEquals(" was too big.", tok.decode(model.singleContinuations.get(0)));
    }

    @Test
    void sharedAndPerPairScoringGiveTheSameNumbers() {
        model.set("Question:", " x", -0.7).set("\nAnswer:", " a", -0.3).set(" a", " b", -0.9);
        McItem item = McItem.ofChoices("Question: x\nAnswer:", List.of("a b", "c", "a", "d e f"), 2);
        ItemOutcome shared = scorer(ScoringMode.SHARED).score(item);
        ItemOutcome perPair = scorer(ScoringMode.PER_PAIR).score(item);
        assertArrayEquals(shared.logLikelihoods(), perPair.logLikelihoods(), 0.0);
        assertEquals(shared.predicted(), perPair.predicted());
        assertEquals(1, model.sharedCalls);
        assertEquals(4, model.singleContexts.size());
    }

    @Test
    void argmaxTakesTheFirstOfEqualValues() {
        assertEquals(1, ItemOutcome.argmax(new double[]{-2, -1, -1}));
        assertEquals(0, ItemOutcome.argmax(new double[]{-1, -1}));
    }
}
