package dev.rankadaptor.demo;

import dev.rankadaptor.demo.WorldModel.Animal;
import dev.rankadaptor.demo.WorldModel.Rule;
import dev.rankadaptor.demo.WorldModel.Thing;
import dev.rankadaptor.demo.WorldModel.Tool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.rankadaptor.demo.Text.a;
import static dev.rankadaptor.demo.Text.cap;
import static dev.rankadaptor.demo.Text.pick;

/**
 * BoolQ: a short passage of world facts and a yes/no question about one of them. Half the questions
 * state the true value, half a wrong one; the passage usually (not always) states the true fact, so
 * both reading and world knowledge help.
 */
final class BoolqItemGenerator {
    private static final int KINDS = 6;
    private final WorldModel w;
    private final Set<String> evalTopics = new HashSet<>();

    /** A question, its answer, the passage that goes with it and the reserved topic. */
    record Item(String topic, String question, boolean answer, String passage) {
    }

    BoolqItemGenerator(WorldModel w) {
        this.w = w;
    }

    List<Map<String, Object>> evalRows(int n, Random rng, HeldOut held) {
        List<Map<String, Object>> rows = new ArrayList<>();
        TopicBudget budget = new TopicBudget(KINDS, n, (k, r) -> item(k, r.nextBoolean(), r).topic());
        int attempt = 0;
        while (rows.size() < n && attempt < n * 200) {
            int kind = attempt++ % KINDS;
            if (!budget.allows(kind)) {
                continue;
            }
            Item it = item(kind, rows.size() % 2 == 0, rng);
            if (evalTopics.contains(it.topic())) {
                continue;
            }
            budget.use(kind);
            evalTopics.add(it.topic());
            held.add(it.question() + "?");
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("question", it.question());
            row.put("passage", it.passage());
            row.put("label", it.answer());
            rows.add(row);
        }
        return rows;
    }

    Item practiceItem(Random rng) {
        while (true) {
            Item it = item(rng.nextInt(KINDS), rng.nextBoolean(), rng);
            if (!evalTopics.contains(it.topic())) {
                return it;
            }
        }
    }

    String practice(Random rng) {
        Item it = practiceItem(rng);
        String yn = it.answer() ? "yes" : "no";
        return switch (rng.nextInt(5)) {
            case 0 -> it.passage() + "\nQ: " + it.question() + "?\nA: " + yn;
            case 1 -> it.passage() + " " + cap(it.question()) + "? " + cap(yn) + ".";
            default -> it.passage() + "\nQuestion: " + it.question() + "?\nAnswer: " + yn;
        };
    }

    Item item(int kind, boolean yes, Random rng) {
        Animal x = pick(w.animals(), rng);
        List<String> facts = new ArrayList<>();
        String question;
        String topic;
        switch (kind) {
            case 0: {
                String c = yes ? x.color() : Text.distinct(Lexicon.COLORS, 1, x.color(), rng).get(0);
                question = "is the " + x.name() + " " + c;
                topic = "color:" + x.name() + ":" + c;
                facts.add(FactSentences.color(x, rng));
                break;
            }
            case 1: {
                String h = yes ? x.habitat().name() : Text.distinct(w.habitats(), 1, x.habitat(), rng).get(0).name();
                question = "does the " + x.name() + " live in the " + h;
                topic = "habitat:" + x.name() + ":" + h;
                facts.add(FactSentences.habitat(x, rng));
                break;
            }
            case 2: {
                String f = yes ? x.food() : Text.distinct(Lexicon.FOODS, 1, x.food(), rng).get(0);
                question = "does the " + x.name() + " eat " + f;
                topic = "food:" + x.name() + ":" + f;
                facts.add(FactSentences.food(x, rng));
                break;
            }
            case 3: {
                Thing t = pick(w.things(), rng);
                String m = yes ? t.material().name() : Text.distinct(w.materials(), 1, t.material(), rng).get(0).name();
                question = "is the " + t.name() + " made of " + m;
                topic = "material:" + t.name() + ":" + m;
                facts.add(FactSentences.thingMaterial(t, rng));
                facts.add(FactSentences.thingColor(t, rng));
                facts.add(FactSentences.materialRule(t.material(), rng));
                break;
            }
            case 4: {
                Tool t = pick(w.tools(), rng);
                String goal = yes ? pick(t.goals(), rng) : pick(Text.distinct(w.tools(), 1, t, rng).get(0).goals(), rng);
                question = "is " + a(t.name()) + " used to " + goal;
                topic = "tool:" + t.name() + ":" + goal;
                facts.add(FactSentences.toolUse(t, pick(t.goals(), rng), rng));
                break;
            }
            default: {
                Rule r = pick(w.rules(), rng);
                String effect = yes ? r.effect() : Text.distinct(w.rules(), 1, r, rng).get(0).effect();
                question = "is it true that " + effect + " when " + r.cause();
                topic = "rule:" + r.cause() + ":" + effect;
                facts.add(FactSentences.rule(r, rng));
                facts.add(FactSentences.rule(pick(w.rules(), rng), rng));
                break;
            }
        }
        if (kind <= 2) {
            facts.add(pick(rng, FactSentences.size(x, rng), FactSentences.food(x, rng), FactSentences.color(x, rng)));
            facts.add(FactSentences.habitat(x, rng));
            facts.add(FactSentences.quality(x.habitat(), rng));
        }
        if (rng.nextInt(5) == 0) {
            facts.remove(0);
        }
        facts.add(FactSentences.aboutAnimal(pick(w.animals(), rng), rng).get(0));
        Collections.shuffle(facts, rng);
        return new Item(topic, question, yes, String.join(" ", new java.util.LinkedHashSet<>(facts)));
    }
}
