package dev.rankadaptor.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.Check;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Scores of one model on several tasks with the average of the reported metrics (the paper's
 * "Average" column), and how they were obtained (subset, tokenisation rule), so a stored report
 * says whether it is a quick trial estimate or a final number.
 *
 * @param tasks        per-task results, in evaluation order
 * @param average      mean of the tasks' reported metric values
 * @param subset       which items were evaluated per task
 * @param pairEncoding tokenisation rule used
 */
public record EvalReport(List<TaskResult> tasks, double average, Subset subset, PairEncoding pairEncoding) {
    public EvalReport {
        Check.notNull("tasks", tasks);
        Check.notNull("subset", subset);
        Check.notNull("pairEncoding", pairEncoding);
        tasks = List.copyOf(tasks);
        if (tasks.isEmpty()) {
            throw new InvalidFieldException("tasks", "must not be empty");
        }
        double expected = averageOf(tasks);
        if (Math.abs(expected - average) > 1e-12) {
            throw new InvalidFieldException("average", "must be the mean of the reported metrics, " + expected + ", was " + average);
        }
    }

    /** Builds a report, computing the average. */
    public static EvalReport of(List<TaskResult> tasks, Subset subset, PairEncoding pairEncoding) {
        return new EvalReport(tasks, averageOf(tasks), subset, pairEncoding);
    }

    private static double averageOf(List<TaskResult> tasks) {
        double sum = 0;
        for (TaskResult t : tasks) {
            sum += t.reported().value();
        }
        return tasks.isEmpty() ? Double.NaN : sum / tasks.size();
    }

    /** The result of one task, or null when it was not evaluated. */
    public TaskResult result(TaskKind kind) {
        for (TaskResult t : tasks) {
            if (t.task() == kind) {
                return t;
            }
        }
        return null;
    }

    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report", e);
        }
    }

    public static EvalReport fromJson(String json, String source) {
        try {
            return Json.mapper().readValue(json, EvalReport.class);
        } catch (JsonProcessingException e) {
            throw new UserInputException(source + ": not a valid evaluation report: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes the report as JSON, atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, toJson());
    }

    public static EvalReport read(Path file) {
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
