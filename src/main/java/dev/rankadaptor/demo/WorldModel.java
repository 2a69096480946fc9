package dev.rankadaptor.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The small synthetic world behind the demo corpus and task files: people, animals with a color,
 * size, habitat and food, things made of materials that react to conditions, tools with uses,
 * activity scripts and cause-effect rules. Which animal has which property is drawn from the seed,
 * so a model can only know the facts by reading the corpus; everything is deterministic per seed.
 */
public final class WorldModel {
    /** A person of the stories; the pronouns keep generated sentences grammatical. */
    public record Person(String name, boolean female) {
        String subj() {
            return female ? "she" : "he";
        }

        String poss() {
            return female ? "her" : "his";
        }
    }

    public record Habitat(String name, String quality) {
    }

    /** A material reacts to one condition ("dropped") with one effect ("breaks"). */
    public record Material(String name, String condition, String effect, String effectPast) {
    }

    public record Animal(String name, String color, String size, Habitat habitat, String food) {
    }

    public record Thing(String name, String color, Material material) {
    }

    public record Tool(String name, List<String> goals) {
    }

    public record Activity(String label, List<String> steps) {
    }

    public record Rule(String cause, String effect) {
    }

    private final List<Person> people = new ArrayList<>();
    private final List<Habitat> habitats = new ArrayList<>();
    private final List<Material> materials = new ArrayList<>();
    private final List<Animal> animals = new ArrayList<>();
    private final List<Thing> things = new ArrayList<>();
    private final List<Tool> tools = new ArrayList<>();
    private final List<Activity> activities = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();

    private WorldModel() {
    }

    /** Builds the world for a seed: the same seed always gives the same facts. */
    public static WorldModel generate(long seed) {
        Random rng = new Random(seed);
        WorldModel w = new WorldModel();
        Lexicon.MALE_NAMES.forEach(n -> w.people.add(new Person(n, false)));
        Lexicon.FEMALE_NAMES.forEach(n -> w.people.add(new Person(n, true)));
        Lexicon.HABITATS.forEach(h -> w.habitats.add(new Habitat(h[0], h[1])));
        Lexicon.MATERIALS.forEach(m -> w.materials.add(new Material(m[0], m[1], m[2], m[3])));
        List<Habitat> habitatDeck = deck(w.habitats, Lexicon.ANIMALS.size(), rng);
        List<String> colorDeck = deck(Lexicon.COLORS, Lexicon.ANIMALS.size(), rng);
        List<String> sizeDeck = deck(Lexicon.SIZES, Lexicon.ANIMALS.size(), rng);
        List<String> foodDeck = deck(Lexicon.FOODS, Lexicon.ANIMALS.size(), rng);
        for (int i = 0; i < Lexicon.ANIMALS.size(); i++) {
            w.animals.add(new Animal(Lexicon.ANIMALS.get(i), colorDeck.get(i), sizeDeck.get(i), habitatDeck.get(i), foodDeck.get(i)));
        }
        List<Material> materialDeck = deck(w.materials, Lexicon.THINGS.size(), rng);
        List<String> thingColors = deck(Lexicon.COLORS, Lexicon.THINGS.size(), rng);
        for (int i = 0; i < Lexicon.THINGS.size(); i++) {
            w.things.add(new Thing(Lexicon.THINGS.get(i), thingColors.get(i), materialDeck.get(i)));
        }
        for (String[] t : Lexicon.TOOLS) {
            w.tools.add(new Tool(t[0], List.of(t).subList(1, t.length)));
        }
        for (String[] a : Lexicon.ACTIVITIES) {
            w.activities.add(new Activity(a[0], List.of(a).subList(1, a.length)));
        }
        for (String[] r : Lexicon.RULES) {
            w.rules.add(new Rule(r[0], r[1]));
        }
        return w;
    }

    /** Values repeated evenly to length n, then shuffled: every value is used about equally often. */
    private static <T> List<T> deck(List<T> values, int n, Random rng) {
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(values.get(i % values.size()));
        }
        Collections.shuffle(out, rng);
        return out;
    }

    public List<Person> people() {
        return Collections.unmodifiableList(people);
    }

    public List<Habitat> habitats() {
        return Collections.unmodifiableList(habitats);
    }

    public List<Material> materials() {
        return Collections.unmodifiableList(materials);
    }

    public List<Animal> animals() {
        return Collections.unmodifiableList(animals);
    }

    public List<Thing> things() {
        return Collections.unmodifiableList(things);
    }

    public List<Tool> tools() {
        return Collections.unmodifiableList(tools);
    }

    public List<Activity> activities() {
        return Collections.unmodifiableList(activities);
    }

    public List<Rule> rules() {
        return Collections.unmodifiableList(rules);
    }
}
