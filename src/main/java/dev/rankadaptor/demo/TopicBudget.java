package dev.rankadaptor.demo;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * How many topics of each question kind evaluation may reserve: at most half of the kind's
 * distinct topics, so the corpus keeps practice items of every kind (and practice never runs out),
 * and at most 1.5 times an even share of the rows, so no single kind dominates a task file.
 */
final class TopicBudget {
    private final int[] cap;
    private final int[] used;

    /** {@code topicOf(kind, rng)} draws one topic of a kind; the pool size is estimated by sampling. */
    TopicBudget(int kinds, int rows, BiFunction<Integer, Random, String> topicOf) {
        cap = new int[kinds];
        used = new int[kinds];
        Random probe = new Random(0);
        for (int k = 0; k < kinds; k++) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < 800; i++) {
                seen.add(topicOf.apply(k, probe));
            }
            cap[k] = Math.max(1, Math.min(seen.size() / 2, (3 * rows + 2 * kinds - 1) / (2 * kinds)));
        }
    }

    boolean allows(int kind) {
        return used[kind] < cap[kind];
    }

    void use(int kind) {
        used[kind]++;
    }
}
