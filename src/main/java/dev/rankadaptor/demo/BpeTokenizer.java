package dev.rankadaptor.demo;

import dev.rankadaptor.checkpoint.TextTokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Our own encoder for a {@link BpeModel}: pre-tokenize like ByteLevel, then apply merges by
 * priority inside each word, exactly as Hugging Face's BPE model does. It lets the demo code (and
 * the tests that compare it with the HF library) tokenize without the native library.
 */
public final class BpeTokenizer implements TextTokenizer {
    private final BpeModel model;
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, Integer> rank = new HashMap<>();
    private final Map<String, int[]> cache = new HashMap<>();

    public BpeTokenizer(BpeModel model) {
        this.model = model;
        for (int i = 0; i < model.tokens().size(); i++) {
            ids.put(model.tokens().get(i), i);
        }
        for (int i = 0; i < model.merges().size(); i++) {
            String[] m = model.merges().get(i);
            rank.putIfAbsent(m[0] + " " + m[1], i);
        }
    }

    /** Token ids of the text; no special tokens are added. */
    @Override
    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        for (String word : ByteLevel.preTokenize(text)) {
            for (int id : cache.computeIfAbsent(word, this::encodeWord)) {
                out.add(id);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] encodeWord(String word) {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            symbols.add(String.valueOf(word.charAt(i)));
        }
        while (symbols.size() > 1) {
            int bestRank = Integer.MAX_VALUE;
            int at = -1;
            for (int i = 0; i + 1 < symbols.size(); i++) {
                Integer r = rank.get(symbols.get(i) + " " + symbols.get(i + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    at = i;
                }
            }
            if (at < 0) {
                break;
            }
            String left = symbols.get(at);
            String right = symbols.get(at + 1);
            List<String> next = new ArrayList<>(symbols.size());
            for (int i = 0; i < symbols.size(); i++) {
                if (i + 1 < symbols.size() && symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
                    next.add(left + right);
                    i++;
                } else {
                    next.add(symbols.get(i));
                }
            }
            symbols = next;
        }
        int[] out = new int[symbols.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = ids.get(symbols.get(i));
            out[i] = id == null ? 0 : id;
        }
        return out;
    }

    @Override
    public String decode(int[] tokenIds) {
        StringBuilder sb = new StringBuilder();
        for (int id : tokenIds) {
            String t = model.tokens().get(id);
            if (!model.specialTokens().contains(t)) {
                sb.append(t);
            }
        }
        return ByteLevel.fromByteChars(sb.toString());
    }

    @Override
    public int vocabSize() {
        return model.vocabSize();
    }

    @Override
    public void close() {
        cache.clear();
    }
}
