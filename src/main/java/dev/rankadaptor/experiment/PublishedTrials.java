package dev.rankadaptor.experiment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.eval.TaskKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Measurements published elsewhere (a paper's rank configurations and scores, another tool's runs) as a
 * trial bank: records {@code {"ranks": [one per model layer], "scores": {"boolq": 0.63, ...}, "group":
 * "llama-7b/0.20"}} in a JSON array (or {@code {"records": [...]}}), in JSON Lines (one record per line),
 * or in CSV with the columns {@code group, rank_0 .. rank_{L-1}} and one column per task id (an empty
 * cell = not measured; no quoted fields). Scores are fractions in [0, 1]; task names may be ids or the
 * paper's names and are stored as ids. Every error names the file, the line and the field.
 */
public final class PublishedTrials {
    private PublishedTrials() {
    }

    /**
     * One published measurement.
     *
     * @param group  which model / pruning / task family it belongs to (records of one group are comparable)
     * @param ranks  LoRA rank per decoder layer
     * @param scores per task id, fractions
     * @param source file it came from
     * @param line   1-based line of the record in that file
     */
    public record Entry(String group, int[] ranks, Map<String, Double> scores, Path source, int line) {
        public Entry {
            ranks = ranks.clone();
            scores = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        }

        @Override
        public int[] ranks() {
            return ranks.clone();
        }

        /** Mean of the scores of {@code tasks} this record has; null when it has none of them. */
        public Double mean(List<String> tasks) {
            return meanOf(scores, tasks);
        }
    }

    /** Mean of the entries of {@code scores} named in {@code tasks}; null when none is there. */
    public static Double meanOf(Map<String, Double> scores, List<String> tasks) {
        double sum = 0;
        int n = 0;
        for (String t : tasks) {
            Double v = scores.get(t);
            if (v != null) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    /**
     * True when {@code file} holds published records rather than a run journal: CSV and .json files always,
     * .jsonl files whose first record has "ranks" and no "type" (journal records always carry a type).
     */
    public static boolean isPublished(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (Files.isDirectory(file)) {
            return false;
        }
        if (name.endsWith(".csv") || name.endsWith(".json")) {
            return true;
        }
        if (!name.endsWith(".jsonl") || name.equals(RunDirectory.JOURNAL)) {
            return false;
        }
        try (var lines = Files.lines(file)) {
            String first = lines.map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse("");
            JsonNode n = ProjectJson.MAPPER.readTree(first);
            return n != null && n.has("ranks") && !n.has("type");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Every record of one file, validated. */
    public static List<Entry> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(file + ": trial bank file not found");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        List<Entry> out = name.endsWith(".csv") ? csv(file, text) : name.endsWith(".jsonl") ? jsonLines(file, text) : json(file, text);
        if (out.isEmpty()) {
            throw new UserInputException(file + ": holds no records");
        }
        Map<String, Entry> firstOfGroup = new HashMap<>();
        for (Entry e : out) {
            Entry first = firstOfGroup.putIfAbsent(e.group(), e);
            if (first != null && first.ranks().length != e.ranks().length) {
                throw new UserInputException(file + ":" + e.line() + ": ranks: group '" + e.group() + "' has "
                        + first.ranks().length + " layers (line " + first.line() + "), this record " + e.ranks().length);
            }
        }
        return out;
    }

    private static List<Entry> jsonLines(Path file, String text) {
        List<Entry> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].trim();
            if (l.isEmpty()) {
                continue;
            }
            JsonNode n;
            try {
                n = ProjectJson.MAPPER.readTree(l);
            } catch (IOException e) {
                throw new UserInputException(file + ":" + (i + 1) + ": not a JSON object: " + e.getMessage(), e);
            }
            out.add(record(file, i + 1, n));
        }
        return out;
    }

    private static List<Entry> json(Path file, String text) {
        List<Entry> out = new ArrayList<>();
        try (JsonParser p = ProjectJson.MAPPER.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.START_OBJECT) {
                if (p.nextToken() != JsonToken.FIELD_NAME || !"records".equals(p.currentName()) || p.nextToken() != JsonToken.START_ARRAY) {
                    throw new UserInputException(file + ":" + p.currentTokenLocation().getLineNr()
                            + ": expected an array of records or {\"records\": [...]}");
                }
            } else if (t != JsonToken.START_ARRAY) {
                throw new UserInputException(file + ":1: expected an array of records or {\"records\": [...]}");
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
                int line = p.currentTokenLocation().getLineNr();
                JsonNode n = ProjectJson.MAPPER.readTree(p);
                out.add(record(file, line, n));
            }
        } catch (IOException e) {
            throw new UserInputException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        return out;
    }

    private static Entry record(Path file, int line, JsonNode n) {
        String where = file + ":" + line + ": ";
        if (n == null || !n.isObject()) {
            throw new UserInputException(where + "expected a JSON object with ranks, scores and group");
        }
        Set<String> known = Set.of("ranks", "scores", "group");
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new UserInputException(where + f + ": unknown field (known fields: group, ranks, scores)");
            }
        }
        JsonNode g = n.get("group");
        if (g == null || !g.isTextual() || g.asText().isBlank()) {
            throw new UserInputException(where + "group: expected a non-empty string, was " + g);
        }
        JsonNode r = n.get("ranks");
        if (r == null || !r.isArray() || r.isEmpty()) {
            throw new UserInputException(where + "ranks: expected a non-empty list of whole numbers, was " + r);
        }
        int[] ranks = new int[r.size()];
        for (int i = 0; i < ranks.length; i++) {
            JsonNode v = r.get(i);
            if (!v.isIntegralNumber() || v.asLong() < 1 || v.asLong() > 4096) {
                throw new UserInputException(where + "ranks[" + i + "]: expected a whole number in [1, 4096], was " + v);
            }
            ranks[i] = v.asInt();
        }
        JsonNode s = n.get("scores");
        if (s == null || !s.isObject() || s.isEmpty()) {
            throw new UserInputException(where + "scores: expected an object {task id: fraction}, was " + s);
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!v.isNumber()) {
                throw new UserInputException(where + "scores." + e.getKey() + ": expected a number, was " + v);
            }
            scores.put(task(where, "scores." + e.getKey(), e.getKey()), fraction(where, "scores." + e.getKey(), v.asDouble()));
        }
        return new Entry(g.asText(), ranks, scores, file, line);
    }

    private static List<Entry> csv(Path file, String text) {
        String[] lines = text.split("\r?\n", -1);
        if (lines.length == 0 || lines[0].isBlank()) {
            throw new UserInputException(file + ":1: expected a header: group, rank_0, ..., rank_{L-1}, task ids");
        }
        String[] header = lines[0].split(",", -1);
        int groupCol = -1;
        List<Integer> rankCols = new ArrayList<>();
        Map<Integer, String> taskCols = new LinkedHashMap<>();
        TreeSet<Integer> rankIndices = new TreeSet<>();
        Map<Integer, Integer> colOfRank = new HashMap<>();
        for (int c = 0; c < header.length; c++) {
            String h = header[c].trim();
            if (h.equals("group")) {
                groupCol = c;
            } else if (h.matches("rank_\\d+")) {
                int idx = Integer.parseInt(h.substring(5));
                if (!rankIndices.add(idx)) {
                    throw new UserInputException(file + ":1: " + h + ": column appears twice");
                }
                colOfRank.put(idx, c);
            } else {
                taskCols.put(c, task(file + ":1: ", h, h));
            }
        }
        if (groupCol < 0) {
            throw new UserInputException(file + ":1: group: column missing (header: group, rank_0, ..., task ids)");
        }
        if (rankIndices.isEmpty() || rankIndices.last() != rankIndices.size() - 1) {
            throw new UserInputException(file + ":1: rank_0..rank_{L-1}: expected contiguous rank columns from rank_0, found "
                    + rankIndices);
        }
        for (int i = 0; i < rankIndices.size(); i++) {
            rankCols.add(colOfRank.get(i));
        }
        if (taskCols.isEmpty()) {
            throw new UserInputException(file + ":1: expected at least one task column (e.g. boolq)");
        }
        List<Entry> out = new ArrayList<>();
        for (int li = 1; li < lines.length; li++) {
            if (lines[li].isBlank()) {
                continue;
            }
            String where = file + ":" + (li + 1) + ": ";
            String[] cells = lines[li].split(",", -1);
            if (cells.length != header.length) {
                throw new UserInputException(where + "expected " + header.length + " cells like the header, had " + cells.length);
            }
            String group = cells[groupCol].trim();
            if (group.isEmpty()) {
                throw new UserInputException(where + "group: must not be empty");
            }
            int[] ranks = new int[rankCols.size()];
            for (int i = 0; i < ranks.length; i++) {
                String v = cells[rankCols.get(i)].trim();
                try {
                    ranks[i] = Integer.parseInt(v);
                } catch (NumberFormatException e) {
                    ranks[i] = -1;
                }
                if (ranks[i] < 1 || ranks[i] > 4096) {
                    throw new UserInputException(where + "rank_" + i + ": expected a whole number in [1, 4096], was '" + v + "'");
                }
            }
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Map.Entry<Integer, String> tc : taskCols.entrySet()) {
                String v = cells[tc.getKey()].trim();
                if (v.isEmpty()) {
                    continue;
                }
                double d;
                try {
                    d = Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw new UserInputException(where + tc.getValue() + ": expected a number, was '" + v + "'");
                }
                scores.put(tc.getValue(), fraction(where, tc.getValue(), d));
            }
            if (scores.isEmpty()) {
                throw new UserInputException(where + "scores: the record has no task score");
            }
            out.add(new Entry(group, ranks, scores, file, li + 1));
        }
        return out;
    }

    private static String task(String where, String field, String name) {
        try {
            return TaskKind.parse(name).id();
        } catch (RuntimeException e) {
            throw new UserInputException(where + field + ": unknown task '" + name + "' (expected one of "
                    + Arrays.stream(TaskKind.values()).map(TaskKind::id).toList() + ")");
        }
    }

    private static double fraction(String where, String field, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new UserInputException(where + field + ": expected a fraction in [0, 1] (divide percentages by 100), was " + v);
        }
        return v;
    }
}
