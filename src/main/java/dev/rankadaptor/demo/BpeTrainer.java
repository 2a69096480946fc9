package dev.rankadaptor.demo;

import dev.rankadaptor.common.Check;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains byte-level BPE merges on a text: count the pre-token words once, then repeatedly merge
 * the most frequent adjacent symbol pair (ties broken by the pair's text, so training is
 * deterministic) until the vocabulary reaches its target size.
 */
public final class BpeTrainer {
    /** The LLaMA convention: unknown, begin and end of sequence at ids 0, 1, 2. */
    public static final List<String> SPECIAL_TOKENS = List.of("<unk>", "<s>", "</s>");
    public static final int DEFAULT_VOCAB_SIZE = 1024;

    private final int vocabSize;

    public BpeTrainer(int vocabSize) {
        this.vocabSize = Check.inRange("vocabSize", vocabSize, SPECIAL_TOKENS.size() + 256, 1 << 20);
    }

    public BpeModel train(String text) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String word : ByteLevel.preTokenize(text)) {
            counts.merge(word, 1, Integer::sum);
        }
        List<String> tokens = new ArrayList<>(SPECIAL_TOKENS);
        Map<String, Integer> idOf = new HashMap<>();
        for (int b = 0; b < 256; b++) {
            idOf.put(String.valueOf(ByteLevel.charOf(b)), tokens.size());
            tokens.add(String.valueOf(ByteLevel.charOf(b)));
        }
        List<int[]> words = new ArrayList<>();
        List<Integer> freq = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            String word = e.getKey();
            int[] symbols = new int[word.length()];
            for (int i = 0; i < word.length(); i++) {
                symbols[i] = idOf.get(String.valueOf(word.charAt(i)));
            }
            words.add(symbols);
            freq.add(e.getValue());
        }
        List<String[]> merges = new ArrayList<>();
        while (tokens.size() < vocabSize && merges.size() < 4 * vocabSize) {
            Map<Long, Long> pairs = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                int[] s = words.get(w);
                for (int i = 0; i + 1 < s.length; i++) {
                    pairs.merge(((long) s[i] << 32) | s[i + 1], (long) freq.get(w), Long::sum);
                }
            }
            long best = -1;
            long bestCount = 0;
            String bestText = null;
            for (Map.Entry<Long, Long> e : pairs.entrySet()) {
                long c = e.getValue();
                if (c < bestCount) {
                    continue;
                }
                String t = tokens.get((int) (e.getKey() >>> 32)) + " " + tokens.get((int) (long) e.getKey());
                if (c > bestCount || t.compareTo(bestText) < 0) {
                    best = e.getKey();
                    bestCount = c;
                    bestText = t;
                }
            }
            if (best < 0 || bestCount < 2) {
                break;
            }
            int left = (int) (best >>> 32);
            int right = (int) best;
            String text2 = tokens.get(left) + tokens.get(right);
            merges.add(new String[] {tokens.get(left), tokens.get(right)});
            Integer existing = idOf.get(text2);
            int merged = existing != null ? existing : tokens.size();
            if (existing == null) {
                idOf.put(text2, merged);
                tokens.add(text2);
            }
            for (int w = 0; w < words.size(); w++) {
                words.set(w, replace(words.get(w), left, right, merged));
            }
        }
        return new BpeModel(tokens, merges, SPECIAL_TOKENS);
    }

    static int[] replace(int[] s, int left, int right, int merged) {
        int n = 0;
        int[] out = null;
        for (int i = 0; i < s.length; i++) {
            if (i + 1 < s.length && s[i] == left && s[i + 1] == right) {
                if (out == null) {
                    out = new int[s.length];
                    System.arraycopy(s, 0, out, 0, i);
                    n = i;
                }
                out[n++] = merged;
                i++;
            } else if (out != null) {
                out[n++] = s[i];
            }
        }
        return out == null ? s : java.util.Arrays.copyOf(out, n);
    }
}
