package dev.rankadaptor.eval;

import dev.rankadaptor.checkpoint.TextTokenizer;
import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.UserInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tokenises evaluation pairs by one {@link PairEncoding} rule. For a multiple-choice item the
 * context tokens are the same for every choice under both rules (the JOINT rule's whitespace move
 * depends on the context alone), which is what lets the scorer share the context.
 */
public final class PairEncoder {
    private final TextTokenizer tokenizer;
    private final PairEncoding rule;
    private final int emptyContextToken;

    /**
     * @param tokenizer         encodes without special tokens
     * @param rule              the harness version to follow
     * @param emptyContextToken token used as context when the context text is empty: the harness
     *                          uses the tokenizer's EOS ("end of text", id 2 for LLaMA) in v0.3 and
     *                          its prefix token (BOS, id 1 for LLaMA) in newer versions
     */
    public PairEncoder(TextTokenizer tokenizer, PairEncoding rule, int emptyContextToken) {
        this.tokenizer = Check.notNull("tokenizer", tokenizer);
        this.rule = Check.notNull("rule", rule);
        this.emptyContextToken = Check.nonNegative("emptyContextToken", emptyContextToken);
    }

    public PairEncoding rule() {
        return rule;
    }

    /** Encodes one pair. */
    public EncodedPair encode(String context, String continuation) {
        return encodeShared(context, List.of(continuation)).get(0);
    }

    /** Encodes one context with several continuations; every result shares the same context array. */
    public List<EncodedPair> encodeShared(String context, List<String> continuations) {
        List<EncodedPair> out = new ArrayList<>(continuations.size());
        if (context.isEmpty()) {
            int[] ctx = {emptyContextToken};
            for (String c : continuations) {
                out.add(new EncodedPair(ctx, nonEmpty(tokenizer.encode(c), c)));
            }
            return out;
        }
        if (rule == PairEncoding.SEPARATE) {
            int[] ctx = tokenizer.encode(context);
            for (String c : continuations) {
                out.add(new EncodedPair(ctx.length == 0 ? new int[]{emptyContextToken} : ctx, nonEmpty(tokenizer.encode(c), c)));
            }
            return out;
        }
        String stripped = context.stripTrailing();
        String moved = context.substring(stripped.length());
        int[] ctx = tokenizer.encode(stripped);
        if (ctx.length == 0) {
            ctx = new int[]{emptyContextToken};
            for (String c : continuations) {
                out.add(new EncodedPair(ctx, nonEmpty(tokenizer.encode(moved + c), c)));
            }
            return out;
        }
        for (String c : continuations) {
            int[] whole = tokenizer.encode(stripped + moved + c);
            int[] cont = whole.length > ctx.length ? Arrays.copyOfRange(whole, ctx.length, whole.length) : new int[0];
            out.add(new EncodedPair(ctx, nonEmpty(cont, c)));
        }
        return out;
    }

    private static int[] nonEmpty(int[] tokens, String text) {
        if (tokens.length == 0) {
            throw new UserInputException("continuation '" + text + "' encodes to no tokens (expected a non-empty choice text)");
        }
        return tokens;
    }
}
