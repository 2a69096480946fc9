package dev.rankadaptor.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One row per task in the exact Hugging Face hub layout, extra columns included, loads through the folder loader. */
class HuggingFaceRowsTest {
    @TempDir
    Path dir;

    @Test
    void everyTaskLoadsItsHubRowFormat() throws IOException {
        Files.writeString(dir.resolve("boolq.jsonl"),
                "{\"question\":\"do iran and afghanistan speak the same language\",\"passage\":\"Persian language -- Persian is a language.\",\"idx\":0,\"label\":1}\n");
        Files.writeString(dir.resolve("piqa.jsonl"),
                "{\"goal\":\"When boiling butter, when it's ready, you can\",\"sol1\":\"Pour it onto a plate\",\"sol2\":\"Pour it into a jar\",\"label\":1}\n");
        Files.writeString(dir.resolve("hellaswag.jsonl"),
                "{\"ind\":24,\"activity_label\":\"Roof shingle removal\",\"ctx_a\":\"A man is sitting on a roof.\",\"ctx_b\":\"he\","
                        + "\"ctx\":\"A man is sitting on a roof. he\",\"endings\":[\"is using wrap to wrap a pair of skis.\",\"is ripping level tiles off.\","
                        + "\"is holding a rubik's cube.\",\"starts pulling up roofing on a roof.\"],\"source_id\":\"activitynet~v_-JhWjGDPHMY\","
                        + "\"split\":\"val\",\"split_type\":\"indomain\",\"label\":\"3\"}\n");
        Files.writeString(dir.resolve("winogrande.jsonl"),
                "{\"sentence\":\"Sarah was a much better surgeon than Maria so _ always got the harder cases.\",\"option1\":\"Sarah\",\"option2\":\"Maria\",\"answer\":\"1\"}\n");
        String arcRow = "{\"id\":\"Mercury_7175875\",\"question\":\"An astronomer observes that a planet rotates faster after a meteorite impact. "
                + "Which is the most likely effect of this increase in rotation?\",\"choices\":{\"text\":[\"Planetary density will decrease.\","
                + "\"Planetary years will become longer.\",\"Planetary days will become shorter.\",\"Planetary gravity will become stronger.\"],"
                + "\"label\":[\"A\",\"B\",\"C\",\"D\"]},\"answerKey\":\"C\"}\n";
        Files.writeString(dir.resolve("arc_easy.jsonl"), arcRow);
        Files.writeString(dir.resolve("arc_challenge.jsonl"), arcRow.replace("\"A\",\"B\",\"C\",\"D\"", "\"1\",\"2\",\"3\",\"4\"").replace("\"answerKey\":\"C\"", "\"answerKey\":\"3\""));
        Files.writeString(dir.resolve("openbookqa.jsonl"),
                "{\"id\":\"7-980\",\"question_stem\":\"The sun is responsible for\",\"choices\":{\"text\":[\"puppies learning new tricks\","
                        + "\"children growing up and getting old\",\"flowers wilting in a vase\",\"plants sprouting, blooming and wilting\"],"
                        + "\"label\":[\"A\",\"B\",\"C\",\"D\"]},\"answerKey\":\"D\"}\n");
        List<TaskData> all = TaskFolder.loadAll(dir, Arrays.asList(TaskKind.values()));
        assertEquals(List.of(0, 1, 3, 0, 2, 2, 3), all.stream().map(d -> d.items().get(0).gold()).toList());
        McItem hs = (McItem) all.get(2).items().get(0);
        assertEquals("Roof shingle removal: A man is sitting on a roof. He", hs.context());
        assertEquals(" starts pulling up roofing on a roof.", hs.continuations().get(3));
        PartialItem wg = (PartialItem) all.get(3).items().get(0);
        assertEquals("Sarah was a much better surgeon than Maria so Sarah", wg.contexts().get(0));
        assertEquals(" always got the harder cases.", wg.continuation());
    }
}
