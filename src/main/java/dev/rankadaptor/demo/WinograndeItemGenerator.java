package dev.rankadaptor.demo;

import dev.rankadaptor.demo.WorldModel.Animal;
import dev.rankadaptor.demo.WorldModel.Person;
import dev.rankadaptor.demo.WorldModel.Thing;
import dev.rankadaptor.demo.WorldModel.Tool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.rankadaptor.demo.Text.pick;

/**
 * WinoGrande: a sentence naming two animals or things with a blank ("_") where one of them belongs;
 * the words after the blank state a fact (a color, a home, a food, a size, a use, a reaction) that is
 * true of only one option. The filled-in sentence of every eval row is held out of the corpus.
 */
final class WinograndeItemGenerator {
    private static final int KINDS = 6;
    private final WorldModel w;

    /** Sentence with "_", the right option, the other option. */
    record Item(String sentence, String right, String other) {
        String filled() {
            return sentence.replace("_", right);
        }
    }

    WinograndeItemGenerator(WorldModel w) {
        this.w = w;
    }

    List<Map<String, Object>> evalRows(int n, Random rng, HeldOut held) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int guard = 0;
        while (rows.size() < n && guard++ < n * 200) {
            Item it = item(rows.size() % KINDS, rng);
            if (held.isHeldOut(it.filled())) {
                continue;
            }
            held.add(it.filled());
            boolean first = rng.nextBoolean();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("sentence", it.sentence());
            row.put("option1", first ? it.right() : it.other());
            row.put("option2", first ? it.other() : it.right());
            row.put("answer", first ? "1" : "2");
            rows.add(row);
        }
        return rows;
    }

    String practice(Random rng) {
        return item(rng.nextInt(KINDS), rng).filled();
    }

    Item item(int kind, Random rng) {
        Person p = pick(w.people(), rng);
        Animal x = pick(w.animals(), rng);
        switch (kind) {
            case 0: {
                Animal o = other(x, rng, (a, b) -> !a.color().equals(b.color()));
                String[] pair = order(x.name(), o.name(), rng);
                return new Item(p.name() + " saw " + Text.a(pair[0]) + " and " + Text.a(pair[1]) + ", and the _ was " + x.color() + ".", x.name(), o.name());
            }
            case 1: {
                Animal o = other(x, rng, (a, b) -> !a.habitat().equals(b.habitat()));
                String[] pair = order(x.name(), o.name(), rng);
                return new Item(p.name() + " looked for the " + pair[0] + " and the " + pair[1] + ", but only found the _ in the "
                        + x.habitat().name() + ".", x.name(), o.name());
            }
            case 2: {
                Animal o = other(x, rng, (a, b) -> !a.food().equals(b.food()));
                String[] pair = order(x.name(), o.name(), rng);
                return new Item(p.name() + " fed the " + pair[0] + " and the " + pair[1] + ", but only the _ ate the "
                        + x.food() + ".", x.name(), o.name());
            }
            case 3: {
                Animal o = other(x, rng, (a, b) -> Lexicon.SIZES.indexOf(a.size()) / 2 != Lexicon.SIZES.indexOf(b.size()) / 2);
                String[] pair = order(x.name(), o.name(), rng);
                return new Item("Next to the " + pair[0] + ", the " + pair[1] + " looked odd to " + p.name() + ", because the _ is so "
                        + x.size() + ".", x.name(), o.name());
            }
            case 4: {
                Tool t = pick(w.tools(), rng);
                Tool o = Text.distinct(w.tools(), 1, t, rng).get(0);
                String[] pair = order(t.name(), o.name(), rng);
                return new Item(p.name() + " took the " + pair[0] + " and the " + pair[1] + ", and used the _ to "
                        + pick(t.goals(), rng) + ".", t.name(), o.name());
            }
            default: {
                Thing t = pick(w.things(), rng);
                Thing o;
                do {
                    o = pick(w.things(), rng);
                } while (o.material().equals(t.material()));
                String[] pair = order(t.name(), o.name(), rng);
                String both = "the " + pair[0] + " and the " + pair[1];
                String act = switch (t.material().condition()) {
                    case "dropped" -> "dropped " + both;
                    case "put in water" -> "put " + both + " in water";
                    default -> "heated " + both;
                };
                return new Item(p.name() + " " + act + ", and only the _ " + t.material().effectPast() + ".", t.name(), o.name());
            }
        }
    }

    private Animal other(Animal x, Random rng, java.util.function.BiPredicate<Animal, Animal> differs) {
        while (true) {
            Animal o = pick(w.animals(), rng);
            if (differs.test(x, o)) {
                return o;
            }
        }
    }

    private static String[] order(String a, String b, Random rng) {
        return rng.nextBoolean() ? new String[] {a, b} : new String[] {b, a};
    }
}
