package dev.rankadaptor.demo;

import dev.rankadaptor.demo.WorldModel.Activity;
import dev.rankadaptor.demo.WorldModel.Person;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.rankadaptor.demo.Text.cap;
import static dev.rankadaptor.demo.Text.pick;

/**
 * HellaSwag: the first steps of an activity script, the subject of the next sentence ({@code ctx_b}),
 * and four endings: the script's next step and three steps of other activities. The corpus tells
 * the scripts with other people; each eval row's opening sentence (person + first step) is held out.
 */
final class HellaswagItemGenerator {
    private final WorldModel w;

    HellaswagItemGenerator(WorldModel w) {
        this.w = w;
    }

    List<Map<String, Object>> evalRows(int n, Random rng, HeldOut held) {
        List<Map<String, Object>> rows = new ArrayList<>();
        int guard = 0;
        while (rows.size() < n && guard++ < n * 200) {
            Activity act = w.activities().get(rows.size() % w.activities().size());
            Person p = pick(w.people(), rng);
            int start = rng.nextInt(2);
            int next = start + 1 + rng.nextInt(2);
            String opening = p.name() + " " + act.steps().get(start) + ".";
            if (held.isHeldOut(opening)) {
                continue;
            }
            held.add(opening);
            StringBuilder ctxA = new StringBuilder(opening);
            for (int i = start + 1; i < next; i++) {
                ctxA.append(' ').append(cap(p.subj())).append(' ').append(act.steps().get(i)).append('.');
            }
            String ctxB = rng.nextInt(3) == 0 ? "then, " + p.subj() : p.subj();
            List<String> wrong = new ArrayList<>();
            while (wrong.size() < 3) {
                Activity o = pick(w.activities(), rng);
                String e = pick(o.steps(), rng) + ".";
                if (!o.equals(act) && !wrong.contains(e)) {
                    wrong.add(e);
                }
            }
            Rows.Shuffled s = Rows.shuffle(act.steps().get(next) + ".", wrong, rng);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("ind", rows.size());
            row.put("activity_label", act.label());
            row.put("ctx_a", ctxA.toString());
            row.put("ctx_b", ctxB);
            row.put("ctx", ctxA + " " + ctxB);
            row.put("endings", s.texts());
            row.put("source_id", "demo~" + act.label().toLowerCase().replace(' ', '-'));
            row.put("split", "val");
            row.put("split_type", "indomain");
            row.put("label", String.valueOf(s.gold()));
            rows.add(row);
        }
        return rows;
    }

    /** The whole script, or a part of it, told about one person, in varied connective wording. */
    String practice(Random rng) {
        Activity act = pick(w.activities(), rng);
        Person p = pick(w.people(), rng);
        int from = rng.nextInt(3) == 0 ? rng.nextInt(2) : 0;
        StringBuilder sb = new StringBuilder();
        if (rng.nextInt(3) > 0) {
            sb.append(act.label()).append(": ");
        }
        sb.append(p.name()).append(' ').append(act.steps().get(from)).append('.');
        for (int i = from + 1; i < act.steps().size(); i++) {
            String subj = switch (rng.nextInt(5)) {
                case 0 -> "Then, " + p.subj();
                case 1 -> "Then " + p.subj();
                case 2 -> "Next, " + p.subj();
                default -> cap(p.subj());
            };
            sb.append(' ').append(subj).append(' ').append(act.steps().get(i)).append('.');
        }
        return sb.toString();
    }
}
