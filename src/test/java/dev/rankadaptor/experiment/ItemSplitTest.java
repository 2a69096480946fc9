package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemSplitTest {
    @TempDir
    Path dir;

    private static Map<String, Map.Entry<String, Integer>> sources(int... sizes) {
        String[] tasks = {"boolq", "piqa", "hellaswag", "arc_easy"};
        Map<String, Map.Entry<String, Integer>> m = new LinkedHashMap<>();
        for (int i = 0; i < sizes.length; i++) {
            m.put(tasks[i], Map.entry("/data/" + tasks[i] + ".jsonl", sizes[i]));
        }
        return m;
    }

    @Test
    void selectionAndReportNeverIntersectAndCoverEveryItem() {
        for (long seed = 0; seed < 25; seed++) {
            for (double fraction : new double[]{0.01, 0.3, 0.5, 0.99}) {
                ItemSplit s = ItemSplit.draw(seed, fraction, sources(2, 7, 150, 1001));
                for (ItemSplit.TaskParts t : s.tasks()) {
                    Set<Integer> sel = new HashSet<>(t.selection());
                    Set<Integer> rep = new HashSet<>(t.report());
                    Set<Integer> both = new HashSet<>(sel);
                    both.retainAll(rep);
                    assertTrue(both.isEmpty(), "seed " + seed + " " + t.task() + ": shared items " + both);
                    assertEquals(t.reportTotal(), sel.size() + rep.size(), "every item is in one part");
                    int expected = (int) Math.max(1, Math.min(t.reportTotal() - 1, Math.round(fraction * t.reportTotal())));
                    assertEquals(expected, sel.size());
                }
            }
        }
    }

    @Test
    void theDrawDependsOnTheSeedAndTheTaskOnly() {
        ItemSplit a = ItemSplit.draw(42, 0.3, sources(150, 150));
        assertEquals(a, ItemSplit.draw(42, 0.3, sources(150, 150)));
        assertNotEquals(a.task("boolq").selection(), ItemSplit.draw(43, 0.3, sources(150, 150)).task("boolq").selection());
        assertNotEquals(a.task("boolq").selection(), a.task("piqa").selection(), "tasks of one size get different draws");
    }

    @Test
    void theRecordedSplitRoundTripsAndAnOverlapIsRefused() throws Exception {
        ItemSplit s = ItemSplit.draw(7, 0.3, sources(20, 30));
        Path file = dir.resolve(ItemSplit.FILE);
        s.write(file);
        assertEquals(s, ItemSplit.read(file));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "atomic write leaves no temp file");
        }
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> new ItemSplit.TaskParts("boolq",
                "/d/boolq.jsonl", "/d/boolq.jsonl", 5, 5, List.of(0, 1), List.of(1, 2, 3, 4)));
        assertEquals("boolq.report", e.field());
        // two files (validation beside test): the ids index different files, so they may repeat
        assertEquals(List.of(0, 1), new ItemSplit.TaskParts("boolq", "/v/boolq.jsonl", "/t/boolq.jsonl", 2, 3,
                List.of(0, 1), List.of(0, 1, 2)).selection());
        assertEquals("boolq.selection[1]", assertThrows(InvalidFieldException.class, () -> new ItemSplit.TaskParts("boolq",
                "/v/boolq.jsonl", "/t/boolq.jsonl", 2, 3, List.of(0, 2), List.of(0))).field());
        assertThrows(dev.rankadaptor.common.UserInputException.class, () -> ItemSplit.draw(1, 0.3, sources(1)));
    }
}
