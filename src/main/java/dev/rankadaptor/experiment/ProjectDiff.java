package dev.rankadaptor.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.UserInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Field-by-field differences between two projects, and the rule deciding which ones a resumed run
 * may take over. A run's finished trials were measured under its snapshot: anything that changes
 * what a trial measures (checkpoint, pruning, recovery, tasks, subsets, candidate ranks, seeds,
 * baselines) would mix incomparable numbers, so resume refuses it. Budgets, the convergence rule,
 * the device, the execution section (backend, workers) and the name only change how long or where the
 * run continues, so they are taken over.
 */
public final class ProjectDiff {
    /** Fields a resumed run takes from the current project file. */
    public static final Set<String> RESUME_SAFE = Set.of("name", "device", "search.max_trials",
            "search.time_budget_minutes", "search.convergence_threshold", "search.convergence_consecutive");

    /** The section a resume always takes from the current project file: where trials run. */
    static final String EXECUTION = "execution";

    private ProjectDiff() {
    }

    /** One differing field, values as JSON text. */
    public record Change(String field, String before, String after) {
        @Override
        public String toString() {
            return field + " (" + before + " -> " + after + ")";
        }
    }

    /** Every differing leaf field (lists compare as a whole), in file order. */
    public static List<Change> changes(Project before, Project after) {
        Map<String, JsonNode> a = flatten(ProjectJson.MAPPER.valueToTree(before));
        Map<String, JsonNode> b = flatten(ProjectJson.MAPPER.valueToTree(after));
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<Change> out = new ArrayList<>();
        for (String k : keys) {
            JsonNode x = a.get(k);
            JsonNode y = b.get(k);
            if (x == null || !x.equals(y)) {
                out.add(new Change(k, String.valueOf(x), String.valueOf(y)));
            }
        }
        return out;
    }

    /** The changes a resume cannot accept. */
    public static List<Change> invalidating(Project snapshot, Project current) {
        return changes(snapshot, current).stream().filter(c -> !RESUME_SAFE.contains(c.field())
                && !c.field().startsWith(EXECUTION + ".")).toList();
    }

    /**
     * The project a resumed run continues with: the snapshot, with the resume-safe fields taken from
     * the current project file. Refuses, listing the fields, when the current file changed anything else.
     */
    public static Project forResume(Project snapshot, Project current, String runName, Path projectFile) {
        if (current == null) {
            return snapshot;
        }
        List<Change> bad = invalidating(snapshot, current);
        if (!bad.isEmpty()) {
            throw new UserInputException(projectFile + " changed since run " + runName + " started: "
                    + String.join(", ", bad.stream().map(Change::toString).toList())
                    + ". These fields decide what a trial measures, so the run's finished trials would not be comparable"
                    + " with new ones. Restore them to resume this run, or start a new run with the changed project.");
        }
        ObjectNode merged = ProjectJson.MAPPER.valueToTree(snapshot);
        ObjectNode cur = ProjectJson.MAPPER.valueToTree(current);
        for (String field : RESUME_SAFE) {
            String[] parts = field.split("\\.");
            ObjectNode target = merged;
            ObjectNode source = cur;
            for (int i = 0; i < parts.length - 1; i++) {
                target = (ObjectNode) target.get(parts[i]);
                source = (ObjectNode) source.get(parts[i]);
            }
            target.set(parts[parts.length - 1], source.get(parts[parts.length - 1]));
        }
        merged.set(EXECUTION, cur.get(EXECUTION));
        return ProjectJson.toProject(merged, projectFile);
    }

    private static Map<String, JsonNode> flatten(JsonNode root) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        flatten("", root, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node instanceof ObjectNode obj) {
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node);
        }
    }
}
