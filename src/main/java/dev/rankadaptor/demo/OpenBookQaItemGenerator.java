package dev.rankadaptor.demo;

import dev.rankadaptor.demo.WorldModel.Animal;
import dev.rankadaptor.demo.WorldModel.Habitat;
import dev.rankadaptor.demo.WorldModel.Material;
import dev.rankadaptor.demo.WorldModel.Rule;
import dev.rankadaptor.demo.WorldModel.Tool;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.rankadaptor.demo.Text.a;
import static dev.rankadaptor.demo.Text.cap;
import static dev.rankadaptor.demo.Text.distinct;
import static dev.rankadaptor.demo.Text.pick;

/**
 * OpenBookQA: an unfinished statement ({@code question_stem}) completed by one of four choices, each
 * answer backed by one line of the fact book. Also writes the fact book and corpus practice text.
 */
final class OpenBookQaItemGenerator {
    private static final int KINDS = 6;
    private final WorldModel w;
    private final Set<String> evalTopics = new HashSet<>();

    OpenBookQaItemGenerator(WorldModel w) {
        this.w = w;
    }

    List<Map<String, Object>> evalRows(int n, Random rng, HeldOut held) {
        List<Map<String, Object>> rows = new ArrayList<>();
        TopicBudget budget = new TopicBudget(KINDS, n, (k, r) -> question(k, r).topic());
        int attempt = 0;
        while (rows.size() < n && attempt < n * 200) {
            int kind = attempt++ % KINDS;
            if (!budget.allows(kind)) {
                continue;
            }
            McQuestion q = question(kind, rng);
            if (evalTopics.contains(q.topic())) {
                continue;
            }
            budget.use(kind);
            evalTopics.add(q.topic());
            held.add(q.question() + " " + q.gold());
            Rows.Shuffled s = Rows.shuffle(q.gold(), q.wrong(), rng);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", String.format("demo-obqa-%04d", rows.size() + 1));
            row.put("question_stem", q.question());
            row.put("choices", Rows.choices(s.texts(), false));
            row.put("answerKey", Rows.label(s.gold(), false));
            rows.add(row);
        }
        return rows;
    }

    McQuestion practiceQuestion(Random rng) {
        while (true) {
            McQuestion q = question(rng.nextInt(KINDS), rng);
            if (!evalTopics.contains(q.topic())) {
                return q;
            }
        }
    }

    String practice(Random rng) {
        McQuestion q = practiceQuestion(rng);
        if (rng.nextInt(4) == 0) {
            Rows.Shuffled s = Rows.shuffle(q.gold(), q.wrong(), rng);
            return Rows.listed(q.question() + " ...", s.texts(), s.gold(), rng);
        }
        return cap(q.question()) + " " + q.gold() + ".";
    }

    McQuestion question(int kind, Random rng) {
        Animal x = pick(w.animals(), rng);
        switch (kind) {
            case 0:
                return new McQuestion("found-in:" + x.name(), cap(a(x.name())) + " is most likely to be found in",
                        "the " + x.habitat().name(), distinct(w.habitats(), 3, x.habitat(), rng).stream().map(h -> "the " + h.name()).toList());
            case 1: {
                Tool t = pick(w.tools(), rng);
                String goal = pick(t.goals(), rng);
                return new McQuestion("tool-for:" + goal, "To " + goal + ", a person should use", a(t.name()),
                        distinct(w.tools(), 3, t, rng).stream().map(o -> a(o.name())).toList());
            }
            case 2: {
                List<String> wrong = new ArrayList<>();
                while (wrong.size() < 3) {
                    Animal o = pick(w.animals(), rng);
                    if (!o.food().equals(x.food()) && !wrong.contains("the " + o.name())) {
                        wrong.add("the " + o.name());
                    }
                }
                return new McQuestion("eater:" + x.name(), "An animal that eats " + x.food() + " is", "the " + x.name(), wrong);
            }
            case 3: {
                Material m = pick(w.materials(), rng);
                List<String> wrong = distinct(w.materials(), 3, m, rng).stream().map(o -> FactSentences.plural(o.effect())).toList();
                return new McQuestion("material:" + m.name(), "If you " + Text.actOnSomething(m) + ", it will",
                        FactSentences.plural(m.effect()), wrong);
            }
            case 4: {
                Rule r = pick(w.rules(), rng);
                return new McQuestion("rule:" + r.cause(), "When " + r.cause() + ",", r.effect(),
                        distinct(w.rules(), 3, r, rng).stream().map(Rule::effect).toList());
            }
            default: {
                return new McQuestion("color-of:" + x.name(), "The color of " + a(x.name()) + " is", x.color(),
                        distinct(Lexicon.COLORS, 3, x.color(), rng));
            }
        }
    }

    /** The open book: every fact of the world, one canonical sentence per line. */
    String factBook() {
        StringBuilder sb = new StringBuilder();
        for (Animal x : w.animals()) {
            sb.append("the ").append(x.name()).append(" is ").append(x.color()).append('\n');
            sb.append("the ").append(x.name()).append(" is ").append(x.size()).append('\n');
            sb.append("the ").append(x.name()).append(" lives in the ").append(x.habitat().name()).append('\n');
            sb.append("the ").append(x.name()).append(" eats ").append(x.food()).append('\n');
        }
        for (Habitat h : w.habitats()) {
            sb.append("the ").append(h.name()).append(" is ").append(h.quality()).append('\n');
        }
        for (Material m : w.materials()) {
            sb.append(m.name()).append(' ').append(m.effect()).append(" when it is ").append(m.condition()).append('\n');
        }
        for (WorldModel.Thing t : w.things()) {
            sb.append("the ").append(t.name()).append(" is made of ").append(t.material().name()).append('\n');
            sb.append("the ").append(t.name()).append(" is ").append(t.color()).append('\n');
        }
        for (Tool t : w.tools()) {
            for (String g : t.goals()) {
                sb.append(a(t.name())).append(" is used to ").append(g).append('\n');
            }
        }
        for (Rule r : w.rules()) {
            sb.append("when ").append(r.cause()).append(", ").append(r.effect()).append('\n');
        }
        return sb.toString();
    }
}
