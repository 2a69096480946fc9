package dev.rankadaptor.demo;

import dev.rankadaptor.demo.WorldModel.Animal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.rankadaptor.demo.Text.cap;
import static dev.rankadaptor.demo.Text.pick;

/**
 * The LoRA recovery set in Alpaca form ({instruction, input, output}): the same world rules as the
 * corpus, phrased as instructions. Rows that touch a held-out eval sentence are skipped, as in the
 * corpus.
 */
final class RecoverySetGenerator {
    private final WorldModel w;
    private final TaskSet tasks;
    private final HeldOut held;

    RecoverySetGenerator(WorldModel w, TaskSet tasks, HeldOut held) {
        this.w = w;
        this.tasks = tasks;
        this.held = held;
    }

    List<Map<String, String>> rows(int n, Random rng) {
        List<Map<String, String>> out = new ArrayList<>();
        while (out.size() < n) {
            String[] r = draw(rng);
            if (!held.touches(r[0] + "\n" + r[1] + "\n" + r[2])) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("instruction", r[0]);
                row.put("input", r[1]);
                row.put("output", r[2]);
                out.add(row);
            }
        }
        return out;
    }

    private String[] draw(Random rng) {
        switch (rng.nextInt(7)) {
            case 0: {
                McQuestion q = tasks.arc().practiceQuestion(rng);
                return new String[] {q.question(), "", cap(q.gold()) + "."};
            }
            case 1: {
                McQuestion q = tasks.openbookqa().practiceQuestion(rng);
                return new String[] {"Complete the sentence.", q.question(), cap(q.question()) + " " + q.gold() + "."};
            }
            case 2: {
                BoolqItemGenerator.Item it = tasks.boolq().practiceItem(rng);
                return new String[] {"Read the passage and answer the question with yes or no.",
                        it.passage() + "\nQuestion: " + it.question() + "?", it.answer() ? "yes" : "no"};
            }
            case 3: {
                PiqaItemGenerator.Item it = tasks.piqa().item(rng);
                return new String[] {it.goal(), "", it.right()};
            }
            case 4: {
                String story = tasks.hellaswag().practice(rng);
                List<String> s = new ArrayList<>(HeldOut.sentences(story));
                if (s.get(0).endsWith(":")) {
                    s.set(1, s.get(0) + " " + s.get(1));
                    s.remove(0);
                }
                int cut = 1 + rng.nextInt(Math.max(1, s.size() - 2));
                return new String[] {"Continue the story.", String.join(" ", s.subList(0, cut)), String.join(" ", s.subList(cut, s.size()))};
            }
            case 5: {
                Animal x = pick(w.animals(), rng);
                return new String[] {"Tell me about the " + x.name() + ".", "", String.join(" ", FactSentences.aboutAnimal(x, rng))};
            }
            default: {
                WorldModel.Rule r = pick(w.rules(), rng);
                return new String[] {"What happens when " + r.cause() + "?", "", cap(r.effect()) + "."};
            }
        }
    }
}
