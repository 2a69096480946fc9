package dev.rankadaptor.demo;

import dev.rankadaptor.demo.WorldModel.Animal;
import dev.rankadaptor.demo.WorldModel.Person;
import dev.rankadaptor.demo.WorldModel.Thing;
import dev.rankadaptor.demo.WorldModel.Tool;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static dev.rankadaptor.demo.Text.a;
import static dev.rankadaptor.demo.Text.cap;
import static dev.rankadaptor.demo.Text.pick;

/**
 * Documents of the demo corpus: fact paragraphs in varied wordings, stories that use the facts,
 * activity scripts, cause-effect rules, and solved practice items in each task's prompt format.
 * Any document that contains a held-out eval sentence is discarded and drawn again.
 */
final class CorpusGenerator {
    private final WorldModel w;
    private final TaskSet tasks;
    private final HeldOut held;

    CorpusGenerator(WorldModel w, TaskSet tasks, HeldOut held) {
        this.w = w;
        this.tasks = tasks;
        this.held = held;
    }

    /** Documents separated by blank lines until the text reaches {@code targetChars}. */
    String corpus(int targetChars, Random rng) {
        StringBuilder sb = new StringBuilder(targetChars + 4096);
        while (sb.length() < targetChars) {
            sb.append(document(rng)).append("\n\n");
        }
        return sb.toString();
    }

    String document(Random rng) {
        while (true) {
            String doc = draw(rng);
            if (!held.touches(doc)) {
                return doc;
            }
        }
    }

    private String draw(Random rng) {
        int r = rng.nextInt(100);
        if (r < 18) {
            return animalProfile(rng);
        } else if (r < 26) {
            return thingProfile(rng);
        } else if (r < 32) {
            return toolFacts(rng);
        } else if (r < 37) {
            return ruleFacts(rng);
        } else if (r < 49) {
            return story(rng);
        } else if (r < 59) {
            return tasks.hellaswag().practice(rng);
        } else if (r < 68) {
            return tasks.arc().practice(rng);
        } else if (r < 76) {
            return tasks.boolq().practice(rng);
        } else if (r < 82) {
            return tasks.piqa().practice(rng);
        } else if (r < 90) {
            return join(rng, 2 + rng.nextInt(3), () -> tasks.winogrande().practice(rng));
        } else {
            return join(rng, 2 + rng.nextInt(3), () -> tasks.openbookqa().practice(rng));
        }
    }

    private static String join(Random rng, int n, java.util.function.Supplier<String> part) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(part.get());
        }
        return String.join(rng.nextBoolean() ? " " : "\n", parts);
    }

    private String animalProfile(Random rng) {
        Animal x = pick(w.animals(), rng);
        List<String> s = FactSentences.aboutAnimal(x, rng);
        if (rng.nextBoolean()) {
            s.add(FactSentences.quality(x.habitat(), rng));
        }
        if (rng.nextInt(3) == 0) {
            s = s.subList(0, 2 + rng.nextInt(s.size() - 1));
        }
        return String.join(" ", s);
    }

    private String thingProfile(Random rng) {
        Thing t = pick(w.things(), rng);
        List<String> s = new ArrayList<>(List.of(FactSentences.thingMaterial(t, rng), FactSentences.thingColor(t, rng),
                FactSentences.materialRule(t.material(), rng), FactSentences.thingReaction(t, w.people(), rng)));
        Collections.shuffle(s.subList(0, 2), rng);
        return String.join(" ", s.subList(0, 2 + rng.nextInt(3)));
    }

    private String toolFacts(Random rng) {
        List<String> s = new ArrayList<>();
        for (int i = 0, n = 2 + rng.nextInt(3); i < n; i++) {
            Tool t = pick(w.tools(), rng);
            s.add(FactSentences.toolUse(t, pick(t.goals(), rng), rng));
        }
        return String.join(" ", s);
    }

    private String ruleFacts(Random rng) {
        List<String> s = new ArrayList<>();
        for (int i = 0, n = 2 + rng.nextInt(3); i < n; i++) {
            s.add(FactSentences.rule(pick(w.rules(), rng), rng));
        }
        if (rng.nextBoolean()) {
            s.add(FactSentences.materialRule(pick(w.materials(), rng), rng));
        }
        return String.join(" ", s);
    }

    /** A person visits a habitat, meets its animals, uses a tool and sees a rule at work. */
    private String story(Random rng) {
        Person p = pick(w.people(), rng);
        WorldModel.Habitat h = pick(w.habitats(), rng);
        List<Animal> there = w.animals().stream().filter(x -> x.habitat().equals(h)).toList();
        StringBuilder sb = new StringBuilder();
        sb.append(pick(rng, "One day, ", "In the morning, ", "Last week, ", "")).append(p.name()).append(" went to the ")
                .append(h.name()).append(". ");
        sb.append("The ").append(h.name()).append(" was ").append(h.quality()).append(". ");
        for (Animal x : there) {
            if (rng.nextInt(3) == 0) {
                continue;
            }
            switch (rng.nextInt(4)) {
                case 0 -> sb.append(cap(p.subj())).append(" saw ").append(a(x.size() + " " + x.color() + " " + x.name())).append(". ");
                case 1 -> sb.append(cap(p.subj())).append(" saw the ").append(x.name()).append(" eating ").append(x.food()).append(". ");
                case 2 -> sb.append("There was ").append(a(x.color() + " " + x.name())).append(" near the path. ");
                default -> sb.append("The ").append(x.name()).append(" lives there, and it eats ").append(x.food()).append(". ");
            }
        }
        if (rng.nextBoolean()) {
            Tool t = pick(w.tools(), rng);
            String goal = pick(t.goals(), rng);
            sb.append("Back home, ").append(p.subj()).append(" wanted to ").append(goal).append(", so ").append(p.subj())
                    .append(" used ").append(a(t.name())).append(". ");
        }
        if (rng.nextBoolean()) {
            Thing t = pick(w.things(), rng);
            sb.append(cap(p.subj())).append(' ').append(Text.actedOn(t.material(), t.name())).append(", and because it was made of ")
                    .append(t.material().name()).append(", it ").append(t.material().effectPast()).append(". ");
        }
        if (rng.nextBoolean()) {
            WorldModel.Rule r = pick(w.rules(), rng);
            sb.append(cap(p.subj())).append(" knew that ").append(r.effect()).append(" when ").append(r.cause()).append(". ");
        }
        return sb.toString().trim();
    }
}
