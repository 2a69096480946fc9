package dev.rankadaptor.eval;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairEncoderTest {
    private final FirstSightWordTokenizer tok = new FirstSightWordTokenizer();

    private int[] ids(String... tokens) {
        int[] out = new int[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            out[i] = tok.id(tokens[i]);
        }
        return out;
    }

    @Test
    void separateRuleEncodesContextAndContinuationOnTheirOwn() {
        PairEncoder enc = new PairEncoder(tok, PairEncoding.SEPARATE, 2);
        EncodedPair p = enc.encode("a b ", "c");
        assertArrayEquals(ids("a", " b", " "), p.context());
        assertArrayEquals(ids("c"), p.continuation());
    }

    @Test
    void jointRuleMovesTrailingWhitespaceOntoTheContinuation() {
        PairEncoder enc = new PairEncoder(tok, PairEncoding.JOINT, 1);
        EncodedPair p = enc.encode("a b ", "c");
        assertArrayEquals(ids("a", " b"), p.context());
        assertArrayEquals(ids(" c"), p.continuation());
    }

    @Test
    void jointRuleTakesContinuationTokensFromTheWholeEncodingAfterTheContextLength() {
        // whole "Q: ab c" = [Q:, " ab", " c"], context "Q: a" = [Q:, " a"]: the harness keeps whole[2:]
        PairEncoder enc = new PairEncoder(tok, PairEncoding.JOINT, 1);
        EncodedPair p = enc.encode("Q: a", "b c");
        assertArrayEquals(ids("Q:", " a"), p.context());
        assertArrayEquals(ids(" c"), p.continuation());
    }

    @Test
    void characterTokensShowWhereTheMovedSpaceEndsUp() {
        CharTokenizer chars = new CharTokenizer();
        EncodedPair joint = new PairEncoder(chars, PairEncoding.JOINT, 1).encode("ab ", "c");
        assertArrayEquals(new int[]{'a', 'b'}, joint.context());
        assertArrayEquals(new int[]{' ', 'c'}, joint.continuation());
        EncodedPair separate = new PairEncoder(chars, PairEncoding.SEPARATE, 2).encode("ab ", "c");
        assertArrayEquals(new int[]{'a', 'b', ' '}, separate.context());
        assertArrayEquals(new int[]{'c'}, separate.continuation());
    }

    @Test
    void bothRulesAgreeOnTheUsualPromptShape() {
        for (PairEncoding rule : PairEncoding.values()) {
            EncodedPair p = new PairEncoder(tok, rule, 1).encode("Question: x\nAnswer:", " yes");
            assertArrayEquals(ids("Question:", " x", "\nAnswer:"), p.context(), rule.name());
            assertArrayEquals(ids(" yes"), p.continuation(), rule.name());
        }
    }

    @Test
    void emptyContextBecomesTheGivenToken() {
        assertArrayEquals(new int[]{2}, new PairEncoder(tok, PairEncoding.SEPARATE, 2).encode("", " yes").context());
        EncodedPair joint = new PairEncoder(tok, PairEncoding.JOINT, 1).encode("", " yes");
        assertArrayEquals(new int[]{1}, joint.context());
        assertArrayEquals(ids(" yes"), joint.continuation());
    }

    @Test
    void sharedEncodingReusesOneContextArray() {
        List<EncodedPair> pairs = new PairEncoder(tok, PairEncoding.JOINT, 1).encodeShared("Answer:", List.of(" yes", " no"));
        assertSame(pairs.get(0).context(), pairs.get(1).context());
        assertArrayEquals(ids(" no"), pairs.get(1).continuation());
    }

    @Test
    void continuationWithoutTokensIsAUserError() {
        PairEncoder enc = new PairEncoder(tok, PairEncoding.JOINT, 1);
        // "x" + "yz" encodes as one token "xyz": nothing is left for the continuation
        UserInputException e = assertThrows(UserInputException.class, () -> enc.encode("x", "yz"));
        assertTrue(e.getMessage().contains("'yz'"), e.getMessage());
    }

    @Test
    void negativeEmptyContextTokenIsRejected() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new PairEncoder(tok, PairEncoding.JOINT, -1));
        assertEquals("emptyContextToken", e.field());
    }
}
