package dev.rankadaptor.demo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A count-based stand-in for a trained model: pointwise mutual information of content words that
 * occur in the same corpus sentence. If this scorer answers the eval items well, the corpus carries
 * the signal the tasks need (it has no access to the world model itself).
 */
final class CooccurrenceOracle {
    private static final Pattern WORD = Pattern.compile("[a-z]+");
    private static final Set<String> STOP = new java.util.HashSet<>(List.of("the", "a", "an", "is", "are", "of", "to", "in", "and", "it", "its",
            "was", "be", "what", "which", "does", "do", "did", "you", "your", "that", "this", "these", "with", "for", "on",
            "at", "by", "from", "when", "if", "so", "as", "only", "most", "likely", "will", "can", "made", "use", "used",
            "get", "one", "some", "question", "answer", "true", "happens", "there", "he", "she", "his", "her", "how", "i",
            "best", "way", "should", "person", "lives", "live", "eat", "eats", "animal", "things", "something", "like",
            "home", "place", "where", "color", "then", "next", "q", "yes", "no", "take", "each", "might", "see", "was",
            "saw", "but", "found", "looked", "because", "had", "have", "any", "not", "all", "him", "them", "they", "up",
            "out", "into", "over", "very", "who", "my", "me", "find", "walks", "s"));
    private final Map<String, Integer> count = new HashMap<>();
    private final Map<String, Integer> pair = new HashMap<>();
    private int sentences;

    CooccurrenceOracle(String corpus) {
        for (String s : HeldOut.sentences(corpus)) {
            List<String> words = new ArrayList<>(content(s));
            if (words.isEmpty()) {
                continue;
            }
            sentences++;
            for (String w : words) {
                count.merge(w, 1, Integer::sum);
            }
            for (int i = 0; i < words.size(); i++) {
                for (int j = i + 1; j < words.size(); j++) {
                    pair.merge(key(words.get(i), words.get(j)), 1, Integer::sum);
                }
            }
        }
    }

    static Set<String> content(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            if (!STOP.contains(m.group())) {
                out.add(m.group());
            }
        }
        return out;
    }

    private static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + " " + b : b + " " + a;
    }

    double pmi(String a, String b) {
        double n = pair.getOrDefault(key(a, b), 0) + 0.1;
        return Math.log(n * sentences / ((count.getOrDefault(a, 0) + 1.0) * (count.getOrDefault(b, 0) + 1.0)));
    }

    /** Mean over the choice's new content words of their best association with a context word. */
    double score(String context, String choice) {
        Set<String> ctx = content(context);
        double sum = 0;
        int n = 0;
        for (String c : content(choice)) {
            if (ctx.contains(c)) {
                continue;
            }
            double best = -1e9;
            for (String q : ctx) {
                best = Math.max(best, pmi(q, c));
            }
            sum += best;
            n++;
        }
        return n == 0 ? -1e9 : sum / n;
    }

    int argmax(String context, List<String> choices) {
        int best = 0;
        for (int i = 1; i < choices.size(); i++) {
            if (score(context, choices.get(i)) > score(context, choices.get(best))) {
                best = i;
            }
        }
        return best;
    }

    /** Yes when the question's first content word is strongly associated (PMI > 1) with one of the others. */
    boolean yes(String question) {
        List<String> words = new ArrayList<>(content(question));
        double best = -1e9;
        for (int i = 1; i < words.size(); i++) {
            best = Math.max(best, pmi(words.get(0), words.get(i)));
        }
        return best > 1.0;
    }
}
