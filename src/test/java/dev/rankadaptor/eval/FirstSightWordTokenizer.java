package dev.rankadaptor.eval;

import dev.rankadaptor.checkpoint.TextTokenizer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test tokenizer: each token is a run of whitespace followed by non-whitespace (GPT-2 style,
 * the space belongs to the following word), or trailing whitespace alone. Ids are assigned on
 * first sight starting at 10 (1 and 2 stay free for BOS / EOS), so tests can name tokens by text.
 */
final class FirstSightWordTokenizer implements TextTokenizer {
    private static final Pattern TOKEN = Pattern.compile("\\s*\\S+|\\s+");
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> texts = new ArrayList<>();

    @Override
    public int[] encode(String text) {
        List<Integer> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            out.add(id(m.group()));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    int id(String token) {
        return ids.computeIfAbsent(token, t -> {
            texts.add(t);
            return texts.size() + 9;
        });
    }

    String text(int id) {
        if (id < 10) {
            return "<special " + id + ">";
        }
        return texts.get(id - 10);
    }

    @Override
    public String decode(int[] tokenIds) {
        StringBuilder sb = new StringBuilder();
        for (int id : tokenIds) {
            sb.append(text(id));
        }
        return sb.toString();
    }

    @Override
    public int vocabSize() {
        return texts.size() + 10;
    }

    @Override
    public void close() {
    }
}
