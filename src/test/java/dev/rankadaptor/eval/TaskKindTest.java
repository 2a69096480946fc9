package dev.rankadaptor.eval;

import dev.rankadaptor.common.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TaskKindTest {
    @Test
    void namesFilesAndReportedMetricsFollowThePaper() {
        assertEquals(List.of("BoolQ", "PIQA", "HellaSwag", "WinoGrande", "ARC-e", "ARC-c", "OBQA"),
                Arrays.stream(TaskKind.values()).map(TaskKind::displayName).toList());
        assertEquals(List.of("boolq.jsonl", "piqa.jsonl", "hellaswag.jsonl", "winogrande.jsonl", "arc_easy.jsonl",
                "arc_challenge.jsonl", "openbookqa.jsonl"), Arrays.stream(TaskKind.values()).map(TaskKind::fileName).toList());
        assertEquals(List.of(Metric.ACC, Metric.ACC, Metric.ACC_NORM, Metric.ACC, Metric.ACC, Metric.ACC_NORM, Metric.ACC_NORM),
                Arrays.stream(TaskKind.values()).map(TaskKind::reportedMetric).toList());
        for (TaskKind k : TaskKind.values()) {
            assertTrue(k.metrics().contains(k.reportedMetric()), k.id());
            assertEquals(k, k.definition().kind());
        }
        assertEquals(0.25, TaskKind.HELLASWAG.chanceLevel());
    }

    @Test
    void parseAcceptsIdsDisplayAndEnumNames() {
        assertEquals(TaskKind.ARC_EASY, TaskKind.parse("arc_easy"));
        assertEquals(TaskKind.ARC_CHALLENGE, TaskKind.parse("ARC-c"));
        assertEquals(TaskKind.OPENBOOKQA, TaskKind.parse("obqa"));
        assertEquals(TaskKind.HELLASWAG, TaskKind.parse("HELLASWAG"));
        UserInputException e = assertThrows(UserInputException.class, () -> TaskKind.parse("mmlu"));
        assertTrue(e.getMessage().contains("boolq, piqa, hellaswag, winogrande, arc_easy, arc_challenge, openbookqa"), e.getMessage());
    }
}
