package dev.rankadaptor.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small English helpers for the generated sentences (articles, capitals, random picks). */
final class Text {
    private Text() {
    }

    static String a(String noun) {
        char c = Character.toLowerCase(noun.charAt(0));
        boolean vowel = c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
        return (vowel ? "an " : "a ") + noun;
    }

    static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static <T> T pick(List<T> list, Random rng) {
        return list.get(rng.nextInt(list.size()));
    }

    @SafeVarargs
    static <T> T pick(Random rng, T... options) {
        return options[rng.nextInt(options.length)];
    }

    /** {@code k} distinct elements of {@code pool} that differ from {@code exclude} and from each other. */
    static <T> List<T> distinct(List<T> pool, int k, T exclude, Random rng) {
        List<T> out = new ArrayList<>();
        int guard = 0;
        while (out.size() < k) {
            T t = pool.get(rng.nextInt(pool.size()));
            if (!t.equals(exclude) && !out.contains(t)) {
                out.add(t);
            }
            if (++guard > 10_000) {
                throw new IllegalStateException("pool too small for " + k + " distinct values");
            }
        }
        return out;
    }

    /** The action on something of a material: "drop something made of glass". */
    static String actOnSomething(WorldModel.Material m) {
        String what = "something made of " + m.name();
        return switch (m.condition()) {
            case "dropped" -> "drop " + what;
            case "put in water" -> "put " + what + " in water";
            case "heated" -> "heat " + what;
            default -> throw new IllegalArgumentException(m.condition());
        };
    }

    /** Past tense of the action on a named thing: "dropped the vase". */
    static String actedOn(WorldModel.Material m, String thing) {
        return switch (m.condition()) {
            case "dropped" -> "dropped the " + thing;
            case "put in water" -> "put the " + thing + " in water";
            case "heated" -> "heated the " + thing;
            default -> throw new IllegalArgumentException(m.condition());
        };
    }

    /** Present tense with a subject: "drops the vase". */
    static String actsOn(WorldModel.Material m, String thing) {
        return switch (m.condition()) {
            case "dropped" -> "drops the " + thing + " on the floor";
            case "put in water" -> "puts the " + thing + " in a tub of water";
            case "heated" -> "heats the " + thing + " over a fire";
            default -> throw new IllegalArgumentException(m.condition());
        };
    }
}
