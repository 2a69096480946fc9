package dev.rankadaptor.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.eval.TaskKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Which items of each task a run selects on and which it reports on, as recorded in the run folder
 * ({@link #FILE}). Trials chosen on the items they are reported on would be reported with an
 * optimistic bias, so the two parts never share an item: either one task file is split at random
 * (seeded by the project seed and the task), or the project names a separate selection file per task
 * (e.g. the task's validation split beside its test split). Item ids are 0-based row positions in the
 * part's source file. Written once when a run first needs it and reused on resume, so a resumed run
 * scores exactly the items it started with.
 *
 * @param seed              project seed the random split was drawn with
 * @param selectionFraction share of each task's items in the selection part; null with separate selection files
 * @param tasks             one entry per evaluated task, in the project's task order
 */
public record ItemSplit(long seed, Double selectionFraction, List<TaskParts> tasks) {
    /** File name in the run folder. */
    public static final String FILE = "item_split.json";

    /**
     * One task's two parts.
     *
     * @param task            task id
     * @param selectionSource file the selection ids index into
     * @param reportSource    file the report ids index into (the same file for a random split)
     * @param selectionTotal  rows of the selection source when the split was made
     * @param reportTotal     rows of the report source when the split was made
     * @param selection       selection item ids, ascending
     * @param report          report item ids, ascending
     */
    public record TaskParts(String task, String selectionSource, String reportSource, int selectionTotal, int reportTotal,
                            List<Integer> selection, List<Integer> report) {
        public TaskParts {
            Fields.required("task", task);
            Fields.required(task + ".selection_source", selectionSource);
            Fields.required(task + ".report_source", reportSource);
            selection = checked(task + ".selection", selection, selectionTotal);
            report = checked(task + ".report", report, reportTotal);
            if (sameSource(selectionSource, reportSource)) {
                Set<Integer> sel = new HashSet<>(selection);
                for (int id : report) {
                    if (sel.contains(id)) {
                        throw new InvalidFieldException(task + ".report", "item " + id + " is also in the selection part");
                    }
                }
            }
        }

        /** True when both parts index the same file (a random split of one task file). */
        public boolean oneSource() {
            return sameSource(selectionSource, reportSource);
        }

        public List<Integer> ids(ItemPart part) {
            return part == ItemPart.SELECTION ? selection : report;
        }

        public int[] idArray(ItemPart part) {
            return ids(part).stream().mapToInt(Integer::intValue).toArray();
        }

        private static boolean sameSource(String a, String b) {
            return Path.of(a).toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
        }

        private static List<Integer> checked(String field, List<Integer> ids, int total) {
            List<Integer> list = Fields.nonEmptyList(field, ids);
            for (int i = 0; i < list.size(); i++) {
                int id = list.get(i);
                if (id < 0 || id >= total || (i > 0 && id <= list.get(i - 1))) {
                    throw new InvalidFieldException(field + "[" + i + "]",
                            "must be ascending item ids in [0, " + total + "), was " + id);
                }
            }
            return list;
        }
    }

    public ItemSplit {
        tasks = Fields.nonEmptyList("tasks", tasks);
        if (selectionFraction != null && !(selectionFraction > 0 && selectionFraction < 1)) {
            throw new InvalidFieldException("selection_fraction", "must be in (0, 1), was " + selectionFraction);
        }
    }

    /**
     * Splits each task file at random: round(fraction x n) items (at least 1, at most n - 1) go to
     * the selection part, the rest to the report part. The draw depends only on the seed, the task
     * and n.
     *
     * @param sources task id -> (source file, number of items), in task order
     */
    public static ItemSplit draw(long seed, double fraction, Map<String, Map.Entry<String, Integer>> sources) {
        List<TaskParts> out = new ArrayList<>();
        for (Map.Entry<String, Map.Entry<String, Integer>> e : sources.entrySet()) {
            String task = e.getKey();
            String source = e.getValue().getKey();
            int n = e.getValue().getValue();
            if (n < 2) {
                throw new UserInputException(source + ": " + n + " item(s); selection apart from the report needs at least 2 "
                        + "(or name a separate evaluation.selection_folder)");
            }
            int k = (int) Math.max(1, Math.min(n - 1, Math.round(fraction * n)));
            int[] perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            Random rnd = new Random(taskSeed(seed, task));
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            int[] sel = Arrays.copyOf(perm, k);
            int[] rep = Arrays.copyOfRange(perm, k, n);
            Arrays.sort(sel);
            Arrays.sort(rep);
            out.add(new TaskParts(task, source, source, n, n, box(sel), box(rep)));
        }
        return new ItemSplit(seed, fraction, out);
    }

    /** Seed of one task's draw: the project seed mixed with the task (so tasks of one size get different draws). */
    static long taskSeed(long seed, String task) {
        long h = seed * 0x9E3779B97F4A7C15L + TaskKind.parse(task).ordinal() + 1;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }

    private static List<Integer> box(int[] ids) {
        return Arrays.stream(ids).boxed().toList();
    }

    public TaskParts task(String taskId) {
        return tasks.stream().filter(t -> t.task().equals(taskId)).findFirst()
                .orElseThrow(() -> new UserInputException(FILE + ": no split for task " + taskId));
    }

    public static ItemSplit read(Path file) {
        try {
            return ProjectJson.MAPPER.readValue(Files.readString(file), ItemSplit.class);
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + ": not a valid item split (" + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new UserInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the split atomically. */
    public void write(Path file) {
        try {
            AtomicFiles.writeString(file, ProjectJson.MAPPER.writeValueAsString(this) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
