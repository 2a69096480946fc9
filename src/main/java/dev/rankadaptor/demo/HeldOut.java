package dev.rankadaptor.demo;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sentences that define evaluation items. Task rows are generated first and register their
 * defining sentence here; the corpus and recovery generators then drop any document that contains
 * one, so evaluation measures learnt rules, not recall of the exact item.
 */
public final class HeldOut {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!:])\\s+|\\n+");
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9 ]+");
    private static final Pattern SPACES = Pattern.compile(" {2,}");
    private final Set<String> keys = new HashSet<>();

    /** Splits text into sentences (after . ? ! and label colons, or at line breaks). */
    public static List<String> sentences(String text) {
        return List.of(SENTENCE_END.split(text));
    }

    /** Lower case, letters and digits only, without a leading "question"/"answer" label. */
    public static String normalize(String sentence) {
        String s = NON_WORD.matcher(sentence.toLowerCase(Locale.ROOT)).replaceAll(" ");
        s = SPACES.matcher(s).replaceAll(" ").trim();
        for (String prefix : new String[] {"question ", "answer ", "solution ", "goal ", "q ", "a "}) {
            if (s.startsWith(prefix)) {
                s = s.substring(prefix.length());
                break;
            }
        }
        return s;
    }

    /** Registers a defining sentence; false when an equal one was already registered. */
    public boolean add(String sentence) {
        return keys.add(normalize(sentence));
    }

    public boolean isHeldOut(String sentence) {
        return keys.contains(normalize(sentence));
    }

    /** True when any sentence, or two consecutive sentences, of the text are held out. */
    public boolean touches(String text) {
        List<String> parts = sentences(text);
        for (int i = 0; i < parts.size(); i++) {
            if (keys.contains(normalize(parts.get(i)))
                    || i + 1 < parts.size() && keys.contains(normalize(parts.get(i) + " " + parts.get(i + 1)))) {
                return true;
            }
        }
        return false;
    }

    public int size() {
        return keys.size();
    }
}
