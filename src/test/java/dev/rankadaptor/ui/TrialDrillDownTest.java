package dev.rankadaptor.ui;

import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.experiment.RunNotes;
import dev.rankadaptor.experiment.TrialDetail;
import dev.rankadaptor.experiment.TrialDetailReader;
import dev.rankadaptor.ui.backend.JournalRows;
import dev.rankadaptor.ui.drilldown.RunNotesViewModel;
import dev.rankadaptor.ui.drilldown.TrialDetailViewModel;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.trials.TrialSearch;
import dev.rankadaptor.ui.trials.TrialRow;
import dev.rankadaptor.ui.trials.TrialsTableModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The trial drill-down and the notes, as view models over a run folder (no Stage). */
class TrialDrillDownTest {
    @TempDir
    Path dir;

    private static TrialsTableModel table(Path run) {
        TrialsTableModel m = new TrialsTableModel();
        List<TrialRow> rows = JournalRows.trialRows(dev.rankadaptor.experiment.JournalReader.replay(
                run.resolve("journal.jsonl")).finished());
        m.trials().setAll(rows);
        return m;
    }

    @Test
    void selectingATrialShowsWhatTheRunFolderSaysAboutIt() throws Exception {
        Path run = DrillDownRun.create(dir);
        TrialsTableModel trials = table(run);
        SameThreadUiExecutor ex = new SameThreadUiExecutor();
        TrialDetailViewModel vm = new TrialDetailViewModel(ex, trials);
        vm.runFolderProperty().set(run);
        assertEquals(false, vm.openProperty().get());
        trials.setSelectedTrial(1);
        assertTrue(vm.openProperty().get(), "a selection opens the detail");
        assertTrue(ex.submittedCount() >= 1, "the files are read through the executor");
        assertEquals("Trial 1 · rankadaptor", vm.titleProperty().get());
        assertEquals("phase search · finished", vm.phaseProperty().get());
        assertEquals("seed 1234", vm.seedProperty().get());
        assertEquals("predicted 0.6100 → measured 0.6345 (|error| 0.0245)", vm.scoresProperty().get());
        assertArrayEquals(new int[]{4, 12, 6, 10}, vm.ranksProperty().get());
        assertEquals(List.of("boolq  0.6845", "piqa  0.5845"), vm.taskScores());
        assertArrayEquals(DrillDownRun.LOSSES, vm.lossCurveProperty().get());
        assertEquals("loss over 5 steps: first 2.5000, min 1.6500, last 1.6500", vm.lossProperty().get());
        assertTrue(vm.durationProperty().get().contains("training 3.5 s, evaluation 1.5 s on cpu"), vm.durationProperty().get());
        assertTrue(vm.timesProperty().get().startsWith("started 20"), vm.timesProperty().get());
        assertTrue(vm.attemptsProperty().get().startsWith("attempt 1: local on cuda:0 (4242)"), vm.attemptsProperty().get());
        String[] log = vm.logTailProperty().get().split("\n");
        assertEquals(TrialDetailReader.TAIL_LINES, log.length);
        assertEquals("worker line 60", log[log.length - 1]);
        assertEquals("worker line 21", log[0]);

        trials.setSelectedTrial(2); // an in-process trial: journal summary of the loss, no log file
        assertEquals("seed 99", vm.seedProperty().get());
        assertNull(vm.lossCurveProperty().get());
        assertTrue(vm.lossProperty().get().endsWith("(per-step history not recorded)"), vm.lossProperty().get());
        assertTrue(vm.logTailProperty().get().startsWith("(no log"), vm.logTailProperty().get());
        assertEquals("", vm.attemptsProperty().get());

        vm.runFolderProperty().set(null); // without a run folder: what the row says, and why the rest is missing
        assertEquals("predicted 0.5500 → measured 0.5200 (|error| 0.0300)", vm.scoresProperty().get());
        assertEquals("", vm.seedProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("no run folder is open"), vm.statusProperty().get());
    }

    @Test
    void aTrialTheJournalDoesNotHoldIsRefusedNamingTheJournal() throws Exception {
        Path run = DrillDownRun.create(dir);
        UserInputException e = assertThrows(UserInputException.class, () -> TrialDetailReader.read(run, 7));
        assertTrue(e.getMessage().endsWith("journal.jsonl: has no record of trial 7"), e.getMessage());
        TrialDetail d = TrialDetailReader.read(run, 0);
        assertEquals("initial", d.phase());
        assertNull(d.predicted());
    }

    @Test
    void notesAreSavedInTheRunFolderReloadedAndSearchable() throws Exception {
        Path run = DrillDownRun.create(dir);
        TrialsTableModel trials = table(run);
        RunNotesViewModel notes = new RunNotesViewModel(new SameThreadUiExecutor(), trials);
        notes.runFolderProperty().set(run);
        trials.setSelectedTrial(2);
        notes.trialNoteProperty().set("fast but low on PIQA");
        notes.trialTagsProperty().set("baseline, Keep ,baseline,");
        notes.saveTrial();
        notes.runNoteProperty().set("first try on the demo");
        notes.runTagsProperty().set("demo");
        notes.saveRun();
        assertTrue(Files.isRegularFile(run.resolve("notes.json")));

        TrialsTableModel again = table(run);
        RunNotesViewModel reopened = new RunNotesViewModel(new SameThreadUiExecutor(), again);
        reopened.runFolderProperty().set(run);
        assertEquals(List.of("baseline", "Keep"), reopened.notesProperty().get().trial(2).tags());
        assertEquals("first try on the demo", reopened.runNoteProperty().get());
        assertEquals("demo", reopened.runTagsProperty().get());
        again.setSelectedTrial(2);
        assertEquals("fast but low on PIQA", reopened.trialNoteProperty().get());
        assertEquals("baseline, Keep", reopened.trialTagsProperty().get());

        again.searchProperty().set(TrialSearch.parse("tag:BASELINE"));
        assertEquals(List.of(2), again.sortedTrials().stream().map(TrialRow::getIndex).toList());
        again.searchProperty().set(TrialSearch.parse("piqa"));
        assertEquals(1, again.sortedTrials().size());
        again.searchProperty().set(TrialSearch.parse("tag:other"));
        assertEquals(0, again.sortedTrials().size());
        again.searchProperty().set(TrialSearch.parse(""));
        assertEquals(3, again.sortedTrials().size());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> TrialSearch.parse("tag:"));
        assertTrue(bad.getMessage().startsWith("search: 'tag:' needs a tag name"), bad.getMessage());
    }

    @Test
    void aDamagedNotesFileIsReportedNamingTheFieldAndNotOverwrittenOnOpen() throws Exception {
        Path run = DrillDownRun.create(dir);
        Files.writeString(run.resolve("notes.json"), "{\"trials\": {\"x\": {}}}");
        UserInputException e = assertThrows(UserInputException.class, () -> RunNotes.read(run));
        assertTrue(e.getMessage().contains("field 'trials.x': key must be a trial index"), e.getMessage());
        Files.writeString(run.resolve("notes.json"), "{\"run\": {\"tags\": [\"a\", 3]}}");
        e = assertThrows(UserInputException.class, () -> RunNotes.read(run));
        assertTrue(e.getMessage().contains("field 'run.tags[1]' must be text"), e.getMessage());
        RunNotesViewModel notes = new RunNotesViewModel(new SameThreadUiExecutor(), new TrialsTableModel());
        notes.runFolderProperty().set(run);
        assertTrue(notes.statusProperty().get().startsWith("notes not read: "), notes.statusProperty().get());
        assertEquals("{\"run\": {\"tags\": [\"a\", 3]}}", Files.readString(run.resolve("notes.json")));
    }
}
