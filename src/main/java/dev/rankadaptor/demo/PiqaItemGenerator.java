package dev.rankadaptor.demo;

import dev.rankadaptor.demo.WorldModel.Tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.rankadaptor.demo.Text.a;
import static dev.rankadaptor.demo.Text.cap;
import static dev.rankadaptor.demo.Text.pick;

/**
 * PIQA: a goal and two solutions that differ in the tool; the right one uses the tool the world
 * uses for that goal, the other an unrelated tool. The exact right solution sentence of every eval
 * row is held out of the corpus; the tool-use facts are not.
 */
final class PiqaItemGenerator {
    private final WorldModel w;

    /** A goal with its right and its absurd solution. */
    record Item(String goal, String right, String wrong) {
    }

    PiqaItemGenerator(WorldModel w) {
        this.w = w;
    }

    List<Map<String, Object>> evalRows(int n, Random rng, HeldOut held) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int guard = 0;
        while (rows.size() < n && guard++ < n * 200) {
            Item it = item(rng);
            if (held.isHeldOut(it.right())) {
                continue;
            }
            held.add(it.right());
            int label = rng.nextInt(2);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("goal", it.goal());
            row.put("sol1", label == 0 ? it.right() : it.wrong());
            row.put("sol2", label == 0 ? it.wrong() : it.right());
            row.put("label", label);
            rows.add(row);
        }
        return rows;
    }

    String practice(Random rng) {
        Item it = item(rng);
        return switch (rng.nextInt(4)) {
            case 0 -> "Goal: " + it.goal() + "\nSolution: " + it.right();
            case 1 -> it.goal() + " " + it.right();
            default -> "Question: " + it.goal() + "\nAnswer: " + it.right();
        };
    }

    Item item(Random rng) {
        Tool t = pick(w.tools(), rng);
        String goal = pick(t.goals(), rng);
        Tool other = Text.distinct(w.tools(), 1, t, rng).get(0);
        int form = rng.nextInt(4);
        String g = switch (rng.nextInt(3)) {
            case 0 -> "How do you " + goal + "?";
            case 1 -> "How can I " + goal + "?";
            default -> "What is the best way to " + goal + "?";
        };
        return new Item(g, solution(form, t, goal), solution(form, other, goal));
    }

    private static String solution(int form, Tool t, String goal) {
        return switch (form) {
            case 0 -> "Use " + a(t.name()) + " to " + goal + ".";
            case 1 -> "Get " + a(t.name()) + " and " + goal + " with it.";
            case 2 -> cap(goal) + " with " + a(t.name()) + ".";
            default -> "Take " + a(t.name()) + " and use it to " + goal + ".";
        };
    }
}
