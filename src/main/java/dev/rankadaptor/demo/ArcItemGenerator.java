package dev.rankadaptor.demo;

import dev.rankadaptor.demo.WorldModel.Animal;
import dev.rankadaptor.demo.WorldModel.Habitat;
import dev.rankadaptor.demo.WorldModel.Material;
import dev.rankadaptor.demo.WorldModel.Person;
import dev.rankadaptor.demo.WorldModel.Rule;
import dev.rankadaptor.demo.WorldModel.Thing;
import dev.rankadaptor.demo.WorldModel.Tool;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static dev.rankadaptor.demo.Text.a;
import static dev.rankadaptor.demo.Text.distinct;
import static dev.rankadaptor.demo.Text.pick;

/**
 * ARC-Easy (one fact: a color, a habitat, a use) and ARC-Challenge (two chained facts: a thing's
 * material and how that material reacts; an animal's habitat and what that habitat is like) in the
 * ai2_arc row format, plus the matching practice text for the corpus.
 */
final class ArcItemGenerator {
    private static final int EASY_KINDS = 7;
    private static final int CHALLENGE_KINDS = 5;
    private final WorldModel w;
    private final Set<String> evalTopics = new HashSet<>();

    ArcItemGenerator(WorldModel w) {
        this.w = w;
    }

    List<Map<String, Object>> evalRows(boolean challenge, int n, Random rng, HeldOut held) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int kinds = challenge ? CHALLENGE_KINDS : EASY_KINDS;
        TopicBudget budget = new TopicBudget(kinds, n, (k, r) -> question(challenge, k, r).topic());
        int attempt = 0;
        while (rows.size() < n && attempt < n * 200) {
            int kind = attempt++ % kinds;
            if (!budget.allows(kind)) {
                continue;
            }
            McQuestion q = question(challenge, kind, rng);
            if (evalTopics.contains(q.topic()) || held.isHeldOut(q.question())) {
                continue;
            }
            budget.use(kind);
            evalTopics.add(q.topic());
            held.add(q.question());
            Rows.Shuffled s = Rows.shuffle(q.gold(), q.wrong(), rng);
            boolean numeric = rng.nextInt(5) == 0;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", String.format("DemoWorld_%s_%04d", challenge ? "ARCC" : "ARCE", rows.size() + 1));
            row.put("question", q.question());
            row.put("choices", Rows.choices(s.texts(), numeric));
            row.put("answerKey", Rows.label(s.gold(), numeric));
            rows.add(row);
        }
        return rows;
    }

    /** A solved question of a random kind whose topic evaluation does not use. */
    String practice(Random rng) {
        McQuestion q = practiceQuestion(rng);
        Rows.Shuffled s = Rows.shuffle(q.gold(), q.wrong(), rng);
        return switch (rng.nextInt(4)) {
                case 0 -> Rows.listed(q.question(), s.texts(), s.gold(), rng);
                case 1 -> "Q: " + q.question() + "\nA: " + q.gold();
                default -> "Question: " + q.question() + "\nAnswer: " + q.gold();
            };
    }

    McQuestion practiceQuestion(Random rng) {
        while (true) {
            boolean challenge = rng.nextInt(3) == 0;
            McQuestion q = question(challenge, rng.nextInt(challenge ? CHALLENGE_KINDS : EASY_KINDS), rng);
            if (!evalTopics.contains(q.topic())) {
                return q;
            }
        }
    }

    McQuestion question(boolean challenge, int kind, Random rng) {
        return challenge ? challenge(kind, rng) : easy(kind, rng);
    }

    private McQuestion easy(int kind, Random rng) {
        Animal x = pick(w.animals(), rng);
        switch (kind) {
            case 0:
                return new McQuestion("color:" + x.name(), "What color is the " + x.name() + "?", x.color(),
                        distinct(Lexicon.COLORS, 3, x.color(), rng));
            case 1:
                return new McQuestion("habitat:" + x.name(), "Where does the " + x.name() + " live?", "the " + x.habitat().name(),
                        distinct(w.habitats(), 3, x.habitat(), rng).stream().map(h -> "the " + h.name()).toList());
            case 2:
                return new McQuestion("food:" + x.name(), "What does the " + x.name() + " eat?", x.food(),
                        distinct(Lexicon.FOODS, 3, x.food(), rng));
            case 3: {
                Tool t = pick(w.tools(), rng);
                List<String> wrong = distinct(w.tools(), 3, t, rng).stream().map(o -> "to " + pick(o.goals(), rng)).toList();
                return new McQuestion("use:" + t.name(), "What is " + a(t.name()) + " used for?", "to " + pick(t.goals(), rng), wrong);
            }
            case 4: {
                Thing t = pick(w.things(), rng);
                return new McQuestion("material:" + t.name(), "What is the " + t.name() + " made of?", t.material().name(),
                        distinct(w.materials(), 3, t.material(), rng).stream().map(Material::name).toList());
            }
            case 5: {
                List<String> wrong = new ArrayList<>();
                while (wrong.size() < 3) {
                    Animal o = pick(w.animals(), rng);
                    if (!o.habitat().equals(x.habitat()) && !wrong.contains("the " + o.name())) {
                        wrong.add("the " + o.name());
                    }
                }
                return new McQuestion("lives-in:" + x.name(), "Which animal lives in the " + x.habitat().name() + "?", "the " + x.name(), wrong);
            }
            default: {
                Rule r = pick(w.rules(), rng);
                return new McQuestion("rule:" + r.cause(), "What happens when " + r.cause() + "?", r.effect(),
                        distinct(w.rules(), 3, r, rng).stream().map(Rule::effect).toList());
            }
        }
    }

    private McQuestion challenge(int kind, Random rng) {
        Person p = pick(w.people(), rng);
        switch (kind) {
            case 0: {
                Thing t = pick(w.things(), rng);
                Material m = t.material();
                List<String> wrong = new ArrayList<>();
                for (Material o : w.materials()) {
                    if (o.condition().equals(m.condition()) && !o.equals(m)) {
                        wrong.add("it " + o.effect());
                    }
                }
                for (Material o : distinct(w.materials(), 4, m, rng)) {
                    String e = "it " + o.effect();
                    if (wrong.size() < 3 && !wrong.contains(e)) {
                        wrong.add(e);
                    }
                }
                return new McQuestion("reaction:" + t.name(), p.name() + " " + Text.actsOn(m, t.name())
                        + ". What most likely happens to the " + t.name() + "?", "it " + m.effect(), wrong);
            }
            case 1: {
                Animal x = pick(w.animals(), rng);
                return new McQuestion("home-quality:" + x.name(), "What is the home of the " + x.name() + " like?",
                        x.habitat().quality(), distinct(w.habitats(), 3, x.habitat(), rng).stream().map(Habitat::quality).toList());
            }
            case 2: {
                Animal x = pick(w.animals(), rng);
                List<String> wrong = new ArrayList<>();
                while (wrong.size() < 3) {
                    Animal o = pick(w.animals(), rng);
                    if (!o.habitat().equals(x.habitat()) && !wrong.contains("the " + o.name())) {
                        wrong.add("the " + o.name());
                    }
                }
                return new McQuestion("quality-animal:" + x.name(), p.name() + " walks in a place that is " + x.habitat().quality()
                        + ". Which animal might " + p.subj() + " see there?", "the " + x.name(), wrong);
            }
            case 3: {
                Animal x = pick(w.animals(), rng);
                List<String> wrong = new ArrayList<>();
                while (wrong.size() < 3) {
                    Animal o = pick(w.animals(), rng);
                    boolean same = o.habitat().equals(x.habitat()) && o.food().equals(x.food());
                    if (!same && !wrong.contains("the " + o.name())) {
                        wrong.add("the " + o.name());
                    }
                }
                return new McQuestion("habitat-food:" + x.name(), p.name() + " saw an animal in the " + x.habitat().name()
                        + " that was eating " + x.food() + ". Which animal was it most likely?", "the " + x.name(), wrong);
            }
            default: {
                Thing t = pick(w.things(), rng);
                Material m = t.material();
                List<String> wrong = new ArrayList<>();
                while (wrong.size() < 3) {
                    Thing o = pick(w.things(), rng);
                    if (!o.material().equals(m) && !wrong.contains("the " + o.name())) {
                        wrong.add("the " + o.name());
                    }
                }
                String act = switch (m.condition()) {
                    case "dropped" -> "drops one of these things";
                    case "put in water" -> "puts each of these things in water";
                    default -> "heats each of these things";
                };
                return new McQuestion("which-reacts:" + t.name(), "If " + p.name() + " " + act + ", which one "
                        + m.effect() + "?", "the " + t.name(), wrong);
            }
        }
    }
}
