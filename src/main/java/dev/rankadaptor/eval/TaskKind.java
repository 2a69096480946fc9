package dev.rankadaptor.eval;

import com.fasterxml.jackson.annotation.JsonValue;

import dev.rankadaptor.common.UserInputException;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The seven zero-shot tasks of the paper, with what the tool needs to know about each: the
 * harness' task id, the canonical data file name, the chance level, which metrics the harness
 * computes, which one the LLM-Pruner / RankAdaptor tables report, and the column name used there.
 */
public enum TaskKind {
    BOOLQ("boolq", "BoolQ", "boolq.jsonl", 0.5, Metric.ACC, List.of(Metric.ACC)),
    PIQA("piqa", "PIQA", "piqa.jsonl", 0.5, Metric.ACC, List.of(Metric.ACC, Metric.ACC_NORM)),
    HELLASWAG("hellaswag", "HellaSwag", "hellaswag.jsonl", 0.25, Metric.ACC_NORM, List.of(Metric.ACC, Metric.ACC_NORM)),
    WINOGRANDE("winogrande", "WinoGrande", "winogrande.jsonl", 0.5, Metric.ACC, List.of(Metric.ACC)),
    ARC_EASY("arc_easy", "ARC-e", "arc_easy.jsonl", 0.25, Metric.ACC, List.of(Metric.ACC, Metric.ACC_NORM)),
    ARC_CHALLENGE("arc_challenge", "ARC-c", "arc_challenge.jsonl", 0.25, Metric.ACC_NORM, List.of(Metric.ACC, Metric.ACC_NORM)),
    OPENBOOKQA("openbookqa", "OBQA", "openbookqa.jsonl", 0.25, Metric.ACC_NORM, List.of(Metric.ACC, Metric.ACC_NORM));

    private final String id;
    private final String displayName;
    private final String fileName;
    private final double chanceLevel;
    private final Metric reportedMetric;
    private final List<Metric> metrics;

    TaskKind(String id, String displayName, String fileName, double chanceLevel, Metric reportedMetric, List<Metric> metrics) {
        this.id = id;
        this.displayName = displayName;
        this.fileName = fileName;
        this.chanceLevel = chanceLevel;
        this.reportedMetric = reportedMetric;
        this.metrics = metrics;
    }

    /** The lm-evaluation-harness task name, e.g. "arc_easy". */
    @JsonValue
    public String id() {
        return id;
    }

    /** Column name in the paper's tables, e.g. "ARC-e". */
    public String displayName() {
        return displayName;
    }

    /** Canonical data file name inside a project's task folder, e.g. "arc_easy.jsonl". */
    public String fileName() {
        return fileName;
    }

    /** Accuracy of guessing uniformly among the choices (1 / number of choices; ARC has a few 3- and 5-choice rows). */
    public double chanceLevel() {
        return chanceLevel;
    }

    /** The metric the paper's tables report for this task. */
    public Metric reportedMetric() {
        return reportedMetric;
    }

    /** Metrics the harness computes for this task (BoolQ and WinoGrande: acc only). */
    public List<Metric> metrics() {
        return metrics;
    }

    /** Turns dataset rows of this task into scorable items with the harness' prompts. */
    public TaskDefinition definition() {
        return switch (this) {
            case BOOLQ -> new BoolqTask();
            case PIQA -> new PiqaTask();
            case HELLASWAG -> new HellaswagTask();
            case WINOGRANDE -> new WinograndeTask();
            case ARC_EASY, ARC_CHALLENGE -> new ArcTask(this);
            case OPENBOOKQA -> new OpenBookQaTask();
        };
    }

    /**
     * Parses a task named by its harness id ("arc_easy"), display name ("ARC-e") or enum name
     * ("ARC_EASY"), case-insensitively; anything else is a user error listing the valid names.
     */
    public static TaskKind parse(String name) {
        String n = name == null ? "" : name.trim();
        for (TaskKind k : values()) {
            if (k.id.equalsIgnoreCase(n) || k.displayName.equalsIgnoreCase(n) || k.name().equalsIgnoreCase(n)) {
                return k;
            }
        }
        throw new UserInputException("unknown task '" + name + "' (expected one of "
                + Arrays.stream(values()).map(TaskKind::id).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return displayName;
    }
}
