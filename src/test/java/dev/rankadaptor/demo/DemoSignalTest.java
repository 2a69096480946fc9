package dev.rankadaptor.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The eval items are not in the corpus word for word, yet their answers follow from it: a
 * count-based co-occurrence scorer trained on the corpus alone answers them far above chance.
 */
class DemoSignalTest {
    private static String corpus;
    private static CooccurrenceOracle oracle;

    @BeforeAll
    static void load() throws Exception {
        corpus = Files.readString(DemoFixture.project().resolve(DemoWorldWriter.CORPUS));
        oracle = new CooccurrenceOracle(corpus);
    }

    /** The sentence(s) that define each eval row, as they would read if solved. */
    static List<String> definingTexts(String task) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode r : DemoTaskFormatTest.rows(task)) {
            switch (task) {
                case "boolq" -> out.add(r.get("question").asText() + "?");
                case "piqa" -> out.add(r.get(r.get("label").asInt() == 0 ? "sol1" : "sol2").asText());
                case "hellaswag" -> {
                    out.add(r.get("ctx_a").asText());
                    out.add(HeldOut.sentences(r.get("ctx_a").asText()).get(0));
                }
                case "winogrande" -> out.add(r.get("sentence").asText().replace("_",
                        r.get("answer").asText().equals("1") ? r.get("option1").asText() : r.get("option2").asText()));
                case "openbookqa" -> out.add(r.get("question_stem").asText() + " " + gold(r));
                default -> out.add(r.get("question").asText());
            }
        }
        return out;
    }

    static String gold(JsonNode r) {
        JsonNode labels = r.get("choices").get("label");
        for (int i = 0; i < labels.size(); i++) {
            if (labels.get(i).asText().equals(r.get("answerKey").asText())) {
                return r.get("choices").get("text").get(i).asText();
            }
        }
        throw new AssertionError("no gold in " + r);
    }

    @Test
    void evalItemsAreNotVerbatimInTheCorpus() throws Exception {
        Set<String> corpusSentences = new HashSet<>();
        List<String> parts = HeldOut.sentences(corpus);
        for (int i = 0; i < parts.size(); i++) {
            corpusSentences.add(HeldOut.normalize(parts.get(i)));
            if (i + 1 < parts.size()) {
                corpusSentences.add(HeldOut.normalize(parts.get(i) + " " + parts.get(i + 1)));
            }
        }
        for (String task : DemoWorldWriter.TASKS) {
            for (String text : definingTexts(task)) {
                assertFalse(corpus.contains(text), task + " item appears verbatim in the corpus: " + text);
                assertFalse(corpusSentences.contains(HeldOut.normalize(text)), task + " item's sentence is in the corpus: " + text);
            }
        }
    }

    @Test
    void answersFollowFromTheCorpus() throws Exception {
        double boolq = accuracy("boolq");
        double arcE = accuracy("arc_easy");
        double arcC = accuracy("arc_challenge");
        double obqa = accuracy("openbookqa");
        double piqa = accuracy("piqa");
        double hella = accuracy("hellaswag");
        double wino = accuracy("winogrande");
        System.out.printf("oracle accuracy: boolq %.3f piqa %.3f hellaswag %.3f winogrande %.3f arc_easy %.3f arc_challenge %.3f openbookqa %.3f%n",
                boolq, piqa, hella, wino, arcE, arcC, obqa);
        assertTrue(boolq > 0.8, "boolq " + boolq);
        assertTrue(arcE > 0.8, "arc_easy " + arcE);
        assertTrue(obqa > 0.7, "openbookqa " + obqa);
        assertTrue(arcC > 0.5, "arc_challenge " + arcC);
        assertTrue(piqa > 0.8, "piqa " + piqa);
        assertTrue(hella > 0.6, "hellaswag " + hella);
        assertTrue(wino > 0.7, "winogrande " + wino);
    }

    static double accuracy(String task) throws Exception {
        return accuracy(DemoFixture.project(), oracle, task);
    }

    static double accuracy(java.nio.file.Path project, CooccurrenceOracle oracle, String task) throws Exception {
        int right = 0;
        List<JsonNode> rows = DemoTaskFormatTest.rows(project, task);
        for (JsonNode r : rows) {
            boolean ok = switch (task) {
                case "boolq" -> oracle.yes(r.get("question").asText()) == r.get("label").asBoolean();
                case "piqa" -> oracle.argmax(r.get("goal").asText(), List.of(r.get("sol1").asText(), r.get("sol2").asText()))
                        == r.get("label").asInt();
                case "hellaswag" -> oracle.argmax(r.get("activity_label").asText() + " " + r.get("ctx").asText(),
                        texts(r.get("endings"))) == Integer.parseInt(r.get("label").asText());
                case "winogrande" -> {
                    String after = r.get("sentence").asText().split("_", 2)[1];
                    boolean first = oracle.score(r.get("option1").asText(), after) >= oracle.score(r.get("option2").asText(), after);
                    yield first == r.get("answer").asText().equals("1");
                }
                default -> {
                    String q = r.has("question") ? r.get("question").asText() : r.get("question_stem").asText();
                    List<String> choices = texts(r.get("choices").get("text"));
                    yield choices.get(oracle.argmax(q, choices)).equals(gold(r));
                }
            };
            right += ok ? 1 : 0;
        }
        return right / (double) rows.size();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }
}
