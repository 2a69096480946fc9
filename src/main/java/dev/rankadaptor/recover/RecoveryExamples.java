package dev.rankadaptor.recover;

import dev.rankadaptor.checkpoint.TextTokenizer;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.train.TokenBatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Tokenizes recovery data the way alpaca-lora / LLM-Pruner do: BOS + tokens of prompt+output,
 * truncated to the cutoff length, EOS appended when there is room; with responses-only training
 * the first (BOS + prompt) tokens are not trained on. Plain text becomes BOS-led windows of the
 * cutoff length, every token trained.
 */
public final class RecoveryExamples {
    private RecoveryExamples() {
    }

    public static List<TokenBatch.Example> of(RecoveryData data, TextTokenizer tokenizer, int bosId, int eosId, int cutoff,
                                              boolean responsesOnly) {
        List<TokenBatch.Example> out = data.isInstructions()
                ? instructions(data.instructions(), tokenizer, bosId, eosId, cutoff, responsesOnly)
                : plainText(data.text(), tokenizer, bosId, cutoff);
        if (out.isEmpty()) {
            throw new UserInputException(data.source() + " gives no training example (every row is shorter than 2 tokens "
                    + "or trains on no token)");
        }
        return out;
    }

    public static List<TokenBatch.Example> instructions(List<InstructionRecord> rows, TextTokenizer tokenizer, int bosId,
                                                        int eosId, int cutoff, boolean responsesOnly) {
        List<TokenBatch.Example> out = new ArrayList<>();
        for (InstructionRecord r : rows) {
            int[] full = withBos(tokenizer.encode(AlpacaPrompt.full(r)), bosId, cutoff);
            if (full.length < cutoff) {
                full = Arrays.copyOf(full, full.length + 1);
                full[full.length - 1] = eosId;
            }
            if (full.length < 2) {
                continue;
            }
            boolean[] trained = new boolean[full.length];
            int promptLen = responsesOnly ? Math.min(full.length, 1 + tokenizer.encode(AlpacaPrompt.prompt(r)).length) : 1;
            boolean any = false;
            for (int i = promptLen; i < full.length; i++) {
                trained[i] = true;
                any = true;
            }
            if (any) {
                out.add(new TokenBatch.Example(full, trained));
            }
        }
        return out;
    }

    /** Consecutive windows of {@code cutoff} tokens (BOS + cutoff-1 text tokens each); a short tail is kept. */
    public static List<TokenBatch.Example> plainText(String text, TextTokenizer tokenizer, int bosId, int cutoff) {
        int[] ids = tokenizer.encode(text);
        int per = cutoff - 1;
        List<TokenBatch.Example> out = new ArrayList<>();
        for (int start = 0; start < ids.length; start += per) {
            int end = Math.min(ids.length, start + per);
            if (end - start < 1) {
                break;
            }
            int[] w = new int[end - start + 1];
            w[0] = bosId;
            System.arraycopy(ids, start, w, 1, end - start);
            out.add(TokenBatch.Example.plain(w));
        }
        return out;
    }

    private static int[] withBos(int[] ids, int bosId, int cutoff) {
        int n = Math.min(cutoff, ids.length + 1);
        int[] out = new int[n];
        out[0] = bosId;
        System.arraycopy(ids, 0, out, 1, n - 1);
        return out;
    }
}
