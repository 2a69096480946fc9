package dev.rankadaptor.pipeline;

import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.eval.EvalItem;
import dev.rankadaptor.eval.TaskData;
import dev.rankadaptor.experiment.ItemPart;
import dev.rankadaptor.experiment.ItemSplit;
import dev.rankadaptor.experiment.ProjectFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes (or reuses) a run's item split from the task items as read, and cuts the tasks into their
 * selection and report parts. With a selection folder, selection items equal to a report item
 * (same prompt, choices and answer) are left out of the selection part, so the parts stay disjoint
 * in content too.
 */
final class EvaluationItems {
    private EvaluationItems() {
    }

    /**
     * The split recorded in {@code splitFile}, or a new one (written there when the file is given).
     *
     * @param reportFiles    the tasks of {@code evaluation.task_folder}
     * @param selectionFiles the tasks of {@code evaluation.selection_folder}, or null
     */
    static ItemSplit ensure(ProjectFile pf, List<TaskData> reportFiles, List<TaskData> selectionFiles, Path splitFile) {
        if (splitFile != null && Files.isRegularFile(splitFile)) {
            ItemSplit recorded = ItemSplit.read(splitFile);
            for (int i = 0; i < reportFiles.size(); i++) {
                TaskData report = reportFiles.get(i);
                ItemSplit.TaskParts parts = recorded.task(report.kind().id());
                TaskData selection = selectionFiles == null ? report : selectionFiles.get(i);
                if (parts.reportTotal() != report.size() || parts.selectionTotal() != selection.size()) {
                    throw new UserInputException(splitFile + ": the run split " + report.kind().id() + " when its files had "
                            + parts.selectionTotal() + " / " + parts.reportTotal() + " items; they now have "
                            + selection.size() + " / " + report.size() + " (" + report.source()
                            + "): the task files changed since the run started; restore them or start a new run");
                }
            }
            return recorded;
        }
        ItemSplit split = selectionFiles == null ? random(pf, reportFiles) : separate(pf, reportFiles, selectionFiles);
        if (splitFile != null) {
            split.write(splitFile);
        }
        return split;
    }

    private static ItemSplit random(ProjectFile pf, List<TaskData> files) {
        Map<String, Map.Entry<String, Integer>> sources = new LinkedHashMap<>();
        for (TaskData t : files) {
            sources.put(t.kind().id(), Map.entry(t.source(), t.size()));
        }
        return ItemSplit.draw(pf.project().seed(), pf.project().evaluation().selectionFraction(), sources);
    }

    private static ItemSplit separate(ProjectFile pf, List<TaskData> reportFiles, List<TaskData> selectionFiles) {
        List<ItemSplit.TaskParts> parts = new ArrayList<>();
        for (int i = 0; i < reportFiles.size(); i++) {
            TaskData report = reportFiles.get(i);
            TaskData selection = selectionFiles.get(i);
            Set<EvalItem> reported = new HashSet<>(report.items());
            List<Integer> sel = new ArrayList<>();
            for (int k = 0; k < selection.size(); k++) {
                if (!reported.contains(selection.items().get(k))) {
                    sel.add(k);
                }
            }
            if (sel.isEmpty()) {
                throw new UserInputException(selection.source() + ": every item is also in " + report.source()
                        + ": the selection part would be empty");
            }
            List<Integer> rep = new ArrayList<>();
            for (int k = 0; k < report.size(); k++) {
                rep.add(k);
            }
            parts.add(new ItemSplit.TaskParts(report.kind().id(), selection.source(), report.source(), selection.size(),
                    report.size(), sel, rep));
        }
        return new ItemSplit(pf.project().seed(), null, parts);
    }

    /** The tasks restricted to one part of the split, items in file order. */
    static List<TaskData> part(List<TaskData> files, ItemSplit split, ItemPart part) {
        List<TaskData> out = new ArrayList<>(files.size());
        for (TaskData t : files) {
            List<EvalItem> items = new ArrayList<>();
            for (int id : split.task(t.kind().id()).idArray(part)) {
                items.add(t.items().get(id));
            }
            out.add(new TaskData(t.kind(), t.source() + " (" + part.name().toLowerCase(java.util.Locale.ROOT) + " part)", items));
        }
        return out;
    }
}
