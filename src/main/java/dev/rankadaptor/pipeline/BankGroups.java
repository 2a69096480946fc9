package dev.rankadaptor.pipeline;

import dev.rankadaptor.search.TrialPhase;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.PublishedTrials;
import dev.rankadaptor.experiment.TrialBankReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trial banks of any kind as groups of (rank vector per layer, target score): run folders and journals
 * (one group per journal; its search-items trials, a measurement reused by random search counted once;
 * repeats on the report items left out) and published records ({@link PublishedTrials}, grouped by their
 * {@code group}). The target of a record is the mean of the given tasks it has; for a journal trial without
 * them, the run's own target score; for a published record with none of them, the mean of all its scores.
 * With no tasks given, a published group's target is the mean over the tasks all its records share.
 */
final class BankGroups {

    private BankGroups() {
    }

    /** One comparable set of measurements. */
    record Group(String name, List<int[]> ranks, List<Double> scores) {
        double[] scoreArray() {
            return scores.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }

    static List<Group> load(List<Path> paths, List<String> tasks) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new UserInputException(p + ": trial bank not found (a run folder, a journal.jsonl, or a .json/.jsonl/.csv of published records)");
            }
            if (PublishedTrials.isPublished(p)) {
                published(p, tasks, groups);
            } else {
                journal(p, tasks, groups);
            }
        }
        return new ArrayList<>(groups.values());
    }

    private static void journal(Path p, List<String> tasks, Map<String, Group> groups) {
        Set<String> seen = new HashSet<>();
        for (TrialBankReader.Entry e : TrialBankReader.read(List.of(p)).entries()) {
            JournalRecord.TrialFinished t = e.trial();
            if (!TrialPhase.SEARCH_ITEM_PHASES.contains(t.phase()) || !seen.add(t.ranks() + "@" + t.seed())) {
                continue;
            }
            Double target = tasks == null ? null : PublishedTrials.meanOf(t.taskScores(), tasks);
            Group g = groups.computeIfAbsent(name(e.source()), n -> new Group(n, new ArrayList<>(), new ArrayList<>()));
            g.ranks().add(t.rankArray());
            g.scores().add(target != null ? target : t.score());
        }
    }

    private static void published(Path p, List<String> tasks, Map<String, Group> groups) {
        Map<String, List<PublishedTrials.Entry>> byGroup = new LinkedHashMap<>();
        for (PublishedTrials.Entry e : PublishedTrials.read(p)) {
            byGroup.computeIfAbsent(e.group(), k -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<PublishedTrials.Entry>> ge : byGroup.entrySet()) {
            List<String> use = tasks;
            if (use == null) {
                Set<String> common = new LinkedHashSet<>(ge.getValue().get(0).scores().keySet());
                ge.getValue().forEach(e -> common.retainAll(e.scores().keySet()));
                if (common.isEmpty()) {
                    throw new UserInputException(p + ": group '" + ge.getKey() + "': its records share no task, so no common "
                            + "target exists; name one (model-check --target TASK)");
                }
                use = List.copyOf(common);
            }
            Group g = groups.computeIfAbsent(ge.getKey(), n -> new Group(n, new ArrayList<>(), new ArrayList<>()));
            for (PublishedTrials.Entry e : ge.getValue()) {
                Double target = e.mean(use);
                g.ranks().add(e.ranks());
                g.scores().add(target != null ? target : e.mean(List.copyOf(e.scores().keySet())));
            }
        }
    }

    private static String name(Path journal) {
        Path parent = journal.toAbsolutePath().getParent();
        return parent == null ? journal.toString() : parent.getFileName() + "/" + journal.getFileName();
    }
}
