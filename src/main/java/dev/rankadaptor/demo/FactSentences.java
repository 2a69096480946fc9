package dev.rankadaptor.demo;

import dev.rankadaptor.demo.WorldModel.Animal;
import dev.rankadaptor.demo.WorldModel.Habitat;
import dev.rankadaptor.demo.WorldModel.Material;
import dev.rankadaptor.demo.WorldModel.Rule;
import dev.rankadaptor.demo.WorldModel.Thing;
import dev.rankadaptor.demo.WorldModel.Tool;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static dev.rankadaptor.demo.Text.a;
import static dev.rankadaptor.demo.Text.cap;
import static dev.rankadaptor.demo.Text.pick;

/**
 * One world fact as a sentence, in one of several wordings, so that the corpus teaches the fact
 * itself rather than one fixed string (and eval questions can use wordings the corpus lacks).
 */
final class FactSentences {
    private FactSentences() {
    }

    static String color(Animal x, Random r) {
        String n = x.name(), c = x.color();
        return pick(r, "The " + n + " is " + c + ".", cap(a(n)) + " is " + c + ".",
                "The color of the " + n + " is " + c + ".", "Every " + n + " is " + c + ".",
                "You can tell " + a(n) + " by its " + c + " color.", "The " + n + " has a " + c + " coat.");
    }

    static String size(Animal x, Random r) {
        String n = x.name(), s = x.size();
        return pick(r, "The " + n + " is a " + s + " animal.", cap(a(n)) + " is " + s + ".",
                "In size, the " + n + " is " + s + ".", "The " + n + " is " + s + " next to other animals.");
    }

    static String habitat(Animal x, Random r) {
        String n = x.name(), h = x.habitat().name();
        return pick(r, "The " + n + " lives in the " + h + ".", "You can find the " + n + " in the " + h + ".",
                "The home of the " + n + " is the " + h + ".", cap(a(n)) + " makes its home in the " + h + ".",
                "In the " + h + " you may meet " + a(n) + ".");
    }

    static String food(Animal x, Random r) {
        String n = x.name(), f = x.food();
        return pick(r, "The " + n + " eats " + f + ".", "The favorite food of the " + n + " is " + f + ".",
                cap(a(n)) + " likes to eat " + f + ".", "The " + n + " feeds on " + f + ".",
                "When it is hungry, the " + n + " looks for " + f + ".");
    }

    static String quality(Habitat h, Random r) {
        return pick(r, "The " + h.name() + " is " + h.quality() + ".", cap(a(h.name())) + " is a place that is " + h.quality() + ".",
                "Every " + h.name() + " is " + h.quality() + ".");
    }

    static String thingColor(Thing t, Random r) {
        return pick(r, "The " + t.name() + " is " + t.color() + ".", "The color of the " + t.name() + " is " + t.color() + ".");
    }

    static String thingMaterial(Thing t, Random r) {
        String n = t.name(), m = t.material().name();
        return pick(r, "The " + n + " is made of " + m + ".", "The " + n + " is " + a(m + " " + n) + ".",
                "Someone made the " + n + " out of " + m + ".", "The " + n + " is " + m + ".");
    }

    static String materialRule(Material m, Random r) {
        String n = m.name();
        return pick(r, "Things made of " + n + " " + plural(m.effect()) + " when they are " + m.condition() + ".",
                "If you " + Text.actOnSomething(m) + ", it " + m.effect() + ".",
                cap(n) + " " + m.effect() + " when it is " + m.condition() + ".",
                "When " + n + " is " + m.condition() + ", it " + m.effect() + ".");
    }

    /** The derived (two-step) fact: this thing reacts like its material. */
    static String thingReaction(Thing t, List<WorldModel.Person> people, Random r) {
        Material m = t.material();
        WorldModel.Person p = pick(people, r);
        return pick(r, "When the " + t.name() + " is " + m.condition() + ", it " + m.effect() + ".",
                p.name() + " " + Text.actedOn(m, t.name()) + " and it " + m.effectPast() + ".",
                "The " + t.name() + " " + m.effect() + " if it is " + m.condition() + ", because it is made of " + m.name() + ".");
    }

    static String toolUse(Tool t, String goal, Random r) {
        String n = t.name();
        return pick(r, cap(a(n)) + " is used to " + goal + ".", "You can " + goal + " with " + a(n) + ".",
                "To " + goal + ", use " + a(n) + ".", "People use " + a(n) + " to " + goal + ".",
                "If you want to " + goal + ", get " + a(n) + ".");
    }

    static String rule(Rule x, Random r) {
        return pick(r, "If " + x.cause() + ", " + x.effect() + ".", "When " + x.cause() + ", " + x.effect() + ".",
                cap(x.effect()) + " when " + x.cause() + ".", cap(x.effect()) + " because " + x.cause() + ".");
    }

    /** Third person plural of a present-tense verb ("breaks" -> "break"). */
    static String plural(String verb) {
        return verb.endsWith("es") && (verb.endsWith("shes") || verb.endsWith("ches") || verb.endsWith("ses"))
                ? verb.substring(0, verb.length() - 2) : verb.substring(0, verb.length() - 1);
    }

    /** All facts about one animal, shuffled. */
    static List<String> aboutAnimal(Animal x, Random r) {
        List<String> out = new ArrayList<>(List.of(color(x, r), size(x, r), habitat(x, r), food(x, r)));
        java.util.Collections.shuffle(out, r);
        return out;
    }
}
