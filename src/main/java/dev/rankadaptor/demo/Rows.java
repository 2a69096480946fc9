package dev.rankadaptor.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Builders for rows in the Hugging Face datasets' shapes (field order kept as published). */
final class Rows {
    private Rows() {
    }

    /** A multiple-choice question: shuffled choice texts and the index of the right one. */
    record Shuffled(List<String> texts, int gold) {
    }

    static Shuffled shuffle(String gold, List<String> wrong, Random rng) {
        List<String> all = new ArrayList<>(wrong);
        all.add(gold);
        Collections.shuffle(all, rng);
        return new Shuffled(all, all.indexOf(gold));
    }

    /** ARC/OBQA {@code choices}: {text[], label[]} with labels A.. or 1.. . */
    static Map<String, Object> choices(List<String> texts, boolean numeric) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            labels.add(label(i, numeric));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("text", List.copyOf(texts));
        c.put("label", labels);
        return c;
    }

    static String label(int index, boolean numeric) {
        return numeric ? String.valueOf(index + 1) : String.valueOf((char) ('A' + index));
    }

    /** A question with its answer options listed, as practice text in the corpus. */
    static String listed(String question, List<String> texts, int gold, Random rng) {
        StringBuilder sb = new StringBuilder("Question: ").append(question).append('\n');
        for (int i = 0; i < texts.size(); i++) {
            sb.append((char) ('A' + i)).append(". ").append(texts.get(i)).append('\n');
        }
        return sb.append("Answer: ").append(rng.nextBoolean() ? texts.get(gold) : (char) ('A' + gold) + ". " + texts.get(gold)).toString();
    }
}
