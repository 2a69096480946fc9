package dev.rankadaptor.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.common.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every task file has the published dataset's fields with the published JSON types. */
class DemoTaskFormatTest {
    static List<JsonNode> rows(String task) throws Exception {
        return rows(DemoFixture.project(), task);
    }

    static List<JsonNode> rows(Path project, String task) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(project.resolve(DemoWorldWriter.taskFile(task)))) {
            out.add(Json.compact().readTree(line));
        }
        return out;
    }

    @Test
    void everyTaskHasEnoughRows() throws Exception {
        for (String task : DemoWorldWriter.TASKS) {
            int n = rows(task).size();
            assertTrue(n >= 100 && n <= 200, task + " has " + n + " rows");
        }
    }

    @Test
    void boolqRows() throws Exception {
        int yes = 0;
        List<JsonNode> rows = rows("boolq");
        for (JsonNode r : rows) {
            assertTrue(r.get("question").isTextual() && r.get("passage").isTextual(), r.toString());
            assertTrue(r.get("label").isBoolean(), r.toString());
            assertFalse(r.get("question").asText().endsWith("?"), "BoolQ questions carry no question mark");
            yes += r.get("label").asBoolean() ? 1 : 0;
        }
        assertEquals(rows.size() / 2.0, yes, rows.size() * 0.1, "labels are balanced");
    }

    @Test
    void piqaRows() throws Exception {
        for (JsonNode r : rows("piqa")) {
            assertTrue(r.get("goal").isTextual() && r.get("sol1").isTextual() && r.get("sol2").isTextual(), r.toString());
            assertTrue(r.get("label").isInt() && (r.get("label").asInt() == 0 || r.get("label").asInt() == 1), r.toString());
            assertFalse(r.get("sol1").asText().equals(r.get("sol2").asText()));
        }
    }

    @Test
    void hellaswagRows() throws Exception {
        for (JsonNode r : rows("hellaswag")) {
            for (String f : new String[] {"activity_label", "ctx_a", "ctx_b", "ctx", "source_id", "split", "split_type"}) {
                assertTrue(r.get(f).isTextual(), f + " in " + r);
            }
            assertTrue(r.get("ind").isInt());
            assertEquals(r.get("ctx_a").asText() + " " + r.get("ctx_b").asText(), r.get("ctx").asText());
            assertTrue(r.get("endings").isArray() && r.get("endings").size() == 4, r.toString());
            assertTrue(r.get("label").isTextual(), "HellaSwag label is a string: " + r);
            assertTrue(r.get("label").asText().matches("[0-3]"), r.toString());
            Set<String> endings = new HashSet<>();
            r.get("endings").forEach(e -> endings.add(e.asText()));
            assertEquals(4, endings.size(), "distinct endings: " + r);
        }
    }

    @Test
    void winograndeRows() throws Exception {
        for (JsonNode r : rows("winogrande")) {
            String s = r.get("sentence").asText();
            assertEquals(1, s.chars().filter(c -> c == '_').count(), "exactly one blank: " + s);
            assertTrue(r.get("option1").isTextual() && r.get("option2").isTextual());
            assertTrue(r.get("answer").isTextual() && r.get("answer").asText().matches("[12]"), r.toString());
        }
    }

    @Test
    void arcAndOpenBookRows() throws Exception {
        int numeric = 0;
        for (String task : List.of("arc_easy", "arc_challenge", "openbookqa")) {
            String questionField = task.equals("openbookqa") ? "question_stem" : "question";
            Set<String> ids = new HashSet<>();
            for (JsonNode r : rows(task)) {
                assertTrue(r.get("id").isTextual() && ids.add(r.get("id").asText()), "unique id: " + r);
                assertTrue(r.get(questionField).isTextual(), r.toString());
                JsonNode text = r.get("choices").get("text");
                JsonNode label = r.get("choices").get("label");
                assertTrue(text.isArray() && label.isArray() && text.size() == label.size() && text.size() == 4, r.toString());
                List<String> labels = new ArrayList<>();
                label.forEach(l -> labels.add(l.asText()));
                assertTrue(labels.contains(r.get("answerKey").asText()), "answerKey among labels: " + r);
                numeric += labels.get(0).equals("1") ? 1 : 0;
            }
        }
        assertTrue(numeric > 0, "some ARC rows use numeric labels like the real ARC");
    }

    @Test
    void supportFilesExist() throws Exception {
        Path p = DemoFixture.project();
        JsonNode recovery = Json.mapper().readTree(p.resolve(DemoWorldWriter.RECOVERY).toFile());
        assertEquals(DemoFixture.SIZES.recoveryRows(), recovery.size());
        for (JsonNode r : recovery) {
            assertTrue(r.get("instruction").isTextual() && r.get("input").isTextual() && r.get("output").isTextual());
            assertFalse(r.get("output").asText().isBlank());
        }
        assertTrue(Files.size(p.resolve(DemoWorldWriter.CALIBRATION)) >= DemoFixture.SIZES.calibrationChars());
        assertTrue(Files.readAllLines(p.resolve(DemoWorldWriter.FACT_BOOK)).size() > 300);
        JsonNode special = Json.mapper().readTree(p.resolve("special_tokens_map.json").toFile());
        assertEquals("<s>", special.get("bos_token").asText());
    }
}
