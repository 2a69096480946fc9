package dev.rankadaptor.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user's notes and tags on a run and on its trials, {@code notes.json} in the run folder. Kept
 * apart from the journal, which only the run appends to: notes can be edited at any time (also while
 * the run works, or long after it finished), and the whole file is rewritten atomically on each edit.
 * An empty annotation is not stored.
 *
 * @param run    the run's own note and tags
 * @param trials per trial index
 */
public record RunNotes(Annotation run, Map<Integer, Annotation> trials) {
    public static final String FILE = "notes.json";
    public static final RunNotes EMPTY = new RunNotes(Annotation.NONE, Map.of());

    /** A free-text note and tags (trimmed, no blanks, each once ignoring case, in the order given). */
    public record Annotation(String note, List<String> tags) {
        public static final Annotation NONE = new Annotation("", List.of());

        public Annotation {
            note = note == null ? "" : note.strip();
            LinkedHashSet<String> seen = new LinkedHashSet<>();
            List<String> clean = new ArrayList<>();
            for (String t : tags == null ? List.<String>of() : tags) {
                String s = t == null ? "" : t.strip();
                if (s.contains(",")) {
                    throw new IllegalArgumentException("a tag cannot contain a comma, was '" + s + "'");
                }
                if (!s.isEmpty() && seen.add(s.toLowerCase(Locale.ROOT))) {
                    clean.add(s);
                }
            }
            tags = List.copyOf(clean);
        }

        /** Tags typed as "a, b, c". */
        public static Annotation of(String note, String commaSeparatedTags) {
            return new Annotation(note, commaSeparatedTags == null ? List.of() : List.of(commaSeparatedTags.split(",", -1)));
        }

        public boolean isEmpty() {
            return note.isEmpty() && tags.isEmpty();
        }

        public boolean hasTag(String tag) {
            return tags.stream().anyMatch(t -> t.equalsIgnoreCase(tag.strip()));
        }

        /** The tags as typed back into a field: "a, b". */
        public String tagsText() {
            return String.join(", ", tags);
        }
    }

    public RunNotes {
        run = run == null ? Annotation.NONE : run;
        TreeMap<Integer, Annotation> copy = new TreeMap<>();
        if (trials != null) {
            trials.forEach((k, v) -> {
                if (k == null || k < 0) {
                    throw new IllegalArgumentException("trial index must be >= 0, was " + k);
                }
                if (v != null && !v.isEmpty()) {
                    copy.put(k, v);
                }
            });
        }
        trials = java.util.Collections.unmodifiableMap(copy);
    }

    /** The annotation of one trial (empty when none). */
    public Annotation trial(int index) {
        return trials.getOrDefault(index, Annotation.NONE);
    }

    public RunNotes withRun(Annotation a) {
        return new RunNotes(a, trials);
    }

    public RunNotes withTrial(int index, Annotation a) {
        TreeMap<Integer, Annotation> m = new TreeMap<>(trials);
        m.put(index, a);
        return new RunNotes(run, m);
    }

    /** {@code <run folder>/notes.json}. */
    public static Path file(Path runFolder) {
        return runFolder.resolve(FILE);
    }

    /** The notes of a run folder; none when the file is absent. A damaged file is an error naming it and the field. */
    public static RunNotes read(Path runFolder) {
        Path f = file(runFolder);
        if (!Files.isRegularFile(f)) {
            return EMPTY;
        }
        JsonNode root;
        try {
            root = ProjectJson.MAPPER.readTree(Files.readString(f));
        } catch (IOException e) {
            throw new UserInputException(f + ": not readable JSON: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new UserInputException(f + ": expected a JSON object with 'run' and 'trials'");
        }
        Annotation run = annotation(f, "run", root.get("run"));
        Map<Integer, Annotation> trials = new TreeMap<>();
        JsonNode t = root.get("trials");
        if (t != null && !t.isNull()) {
            if (!t.isObject()) {
                throw new UserInputException(f + ": field 'trials' must be an object keyed by trial index");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = t.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int index;
                try {
                    index = Integer.parseInt(e.getKey());
                } catch (NumberFormatException ex) {
                    index = -1;
                }
                if (index < 0) {
                    throw new UserInputException(f + ": field 'trials." + e.getKey() + "': key must be a trial index (0, 1, ...)");
                }
                trials.put(index, annotation(f, "trials." + e.getKey(), e.getValue()));
            }
        }
        return new RunNotes(run, trials);
    }

    private static Annotation annotation(Path f, String field, JsonNode n) {
        if (n == null || n.isNull()) {
            return Annotation.NONE;
        }
        if (!n.isObject()) {
            throw new UserInputException(f + ": field '" + field + "' must be an object {\"note\": text, \"tags\": [text]}");
        }
        JsonNode note = n.get("note");
        if (note != null && !note.isNull() && !note.isTextual()) {
            throw new UserInputException(f + ": field '" + field + ".note' must be text");
        }
        List<String> tags = new ArrayList<>();
        JsonNode tg = n.get("tags");
        if (tg != null && !tg.isNull()) {
            if (!tg.isArray()) {
                throw new UserInputException(f + ": field '" + field + ".tags' must be a list of text");
            }
            for (int i = 0; i < tg.size(); i++) {
                if (!tg.get(i).isTextual()) {
                    throw new UserInputException(f + ": field '" + field + ".tags[" + i + "]' must be text");
                }
                tags.add(tg.get(i).asText());
            }
        }
        try {
            return new Annotation(note == null || note.isNull() ? "" : note.asText(), tags);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(f + ": field '" + field + ".tags': " + e.getMessage());
        }
    }

    /** Writes {@code <run folder>/notes.json} atomically. */
    public void write(Path runFolder) {
        ObjectNode root = ProjectJson.MAPPER.createObjectNode();
        root.put("schema_version", 1);
        put(root.putObject("run"), run);
        ObjectNode t = root.putObject("trials");
        trials.forEach((k, v) -> put(t.putObject(Integer.toString(k)), v));
        try {
            AtomicFiles.writeString(file(runFolder), ProjectJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode the notes: " + e.getMessage(), e);
        }
    }

    private static void put(ObjectNode o, Annotation a) {
        o.put("note", a.note());
        ArrayNode tags = o.putArray("tags");
        a.tags().forEach(tags::add);
    }
}
