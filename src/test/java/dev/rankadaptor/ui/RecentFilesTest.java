package dev.rankadaptor.ui;

import dev.rankadaptor.reference.PaperReference;
import dev.rankadaptor.ui.backend.ProjectSession;
import dev.rankadaptor.experiment.RecentFiles;
import dev.rankadaptor.ui.backend.RecentFilesModel;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.workbench.WorkbenchViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The persisted recent projects / checkpoint folders: order, cap, dedupe, tolerant reading, atomic writes, wiring. */
class RecentFilesTest {

    @Test
    void newestFirstDuplicatesFoldedAndCapped(@TempDir Path dir) {
        RecentFiles r = new RecentFiles(dir.resolve("recent.json"));
        for (int i = 0; i < 12; i++) {
            r.add(RecentFiles.Kind.PROJECTS, dir.resolve("p" + i + "/project.json"));
        }
        List<Path> l = r.list(RecentFiles.Kind.PROJECTS);
        assertEquals(RecentFiles.LIMIT, l.size());
        assertEquals(dir.resolve("p11/project.json"), l.get(0));
        assertEquals(dir.resolve("p2/project.json"), l.get(9));
        r.add(RecentFiles.Kind.PROJECTS, dir.resolve("p5/../p5/./project.json"));
        l = r.list(RecentFiles.Kind.PROJECTS);
        assertEquals(dir.resolve("p5/project.json"), l.get(0), "re-opened moves to the top");
        assertEquals(RecentFiles.LIMIT, l.size());
        assertEquals(1, l.stream().filter(p -> p.equals(dir.resolve("p5/project.json"))).count(), "folded");
        assertTrue(r.list(RecentFiles.Kind.CHECKPOINTS).isEmpty(), "lists are separate");
    }

    @Test
    void savedListsReadBackAndMissingFilesAreMarked(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("cfg/recent.json");
        Path real = Files.writeString(dir.resolve("real.json"), "{}");
        RecentFiles r = new RecentFiles(file);
        r.add(RecentFiles.Kind.PROJECTS, dir.resolve("gone.json"));
        r.add(RecentFiles.Kind.PROJECTS, real);
        r.add(RecentFiles.Kind.CHECKPOINTS, dir);
        r.save();
        try (var s = Files.list(file.getParent())) {
            assertEquals(List.of(file), s.toList(), "no temp file left behind");
        }
        RecentFiles back = new RecentFiles(file);
        assertEquals("", back.reload());
        assertEquals(List.of(real, dir.resolve("gone.json")), back.list(RecentFiles.Kind.PROJECTS));
        assertEquals(List.of(dir), back.list(RecentFiles.Kind.CHECKPOINTS));
        assertEquals(List.of(true, false), back.entries(RecentFiles.Kind.PROJECTS).stream().map(RecentFiles.Entry::exists).toList());
        // a second save replaces the file whole (atomic rename), never appends
        back.add(RecentFiles.Kind.PROJECTS, dir.resolve("third.json"));
        back.save();
        RecentFiles again = new RecentFiles(file);
        again.reload();
        assertEquals(3, again.list(RecentFiles.Kind.PROJECTS).size());
    }

    @Test
    void aCorruptFileGivesAnEmptyListAndAWarning(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("recent.json"), "{\"projects\": [\"a\", ");
        RecentFiles r = new RecentFiles(file);
        String warning = assertDoesNotThrow(r::reload);
        assertTrue(warning.contains(file.toString()), warning);
        assertTrue(r.list(RecentFiles.Kind.PROJECTS).isEmpty());
        Files.writeString(file, "{\"projects\": 5}");
        assertTrue(new RecentFiles(file).reload().contains("projects"));
        Files.writeString(file, "[1,2]");
        assertFalse(new RecentFiles(file).reload().isEmpty());
        assertEquals("", new RecentFiles(dir.resolve("absent.json")).reload(), "no file yet is not a problem");
    }

    @Test
    void configFolderFollowsPropertyThenXdgThenHome() {
        assertEquals(Path.of("/x/cfg"), RecentFiles.configFolder("/x/cfg", "/xdg", "/home/u"));
        assertEquals(Path.of("/xdg/rankadaptor"), RecentFiles.configFolder(null, "/xdg", "/home/u"));
        assertEquals(Path.of("/home/u/.config/rankadaptor"), RecentFiles.configFolder("", "", "/home/u"));
        String prop = System.getProperty(RecentFiles.CONFIG_DIR_PROPERTY);
        assertNotNull(prop, "the build sets the config folder for tests");
        assertTrue(prop.contains("target"), prop);
    }

    @Test
    void loadingAProjectAddsItAndCheckpointFoldersArePersisted(@TempDir Path dir) {
        SameThreadUiExecutor ex = new SameThreadUiExecutor();
        WorkbenchViewModel vm = new WorkbenchViewModel(ex, PaperReference.bundled(), new RecordingRunController(new ArrayList<>()));
        ProjectSession session = new ProjectSession(vm);
        Path file = dir.resolve("recent.json");
        RecentFilesModel recent = new RecentFilesModel(ex, new RecentFiles(file));
        recent.attach(vm.checkpoint());
        session.setRecent(recent);
        recent.load();
        Path project = Path.of("sample-projects/tiny-llama-demo/project.json").toAbsolutePath();
        session.load(project);
        assertEquals(project.normalize(), recent.projects().get(0).path());
        assertTrue(recent.projects().get(0).exists());
        vm.checkpoint().recent().setAll(new ArrayList<>(List.of(dir.toString(), dir.resolve("gone").toString())));
        RecentFiles stored = new RecentFiles(file);
        assertEquals("", stored.reload());
        assertEquals(List.of(project.normalize()), stored.list(RecentFiles.Kind.PROJECTS));
        assertEquals(List.of(dir, dir.resolve("gone")), stored.list(RecentFiles.Kind.CHECKPOINTS));

        // a fresh window shows the stored lists; the missing checkpoint folder is dropped with a note
        WorkbenchViewModel vm2 = new WorkbenchViewModel(ex, PaperReference.bundled(), new RecordingRunController(new ArrayList<>()));
        RecentFilesModel recent2 = new RecentFilesModel(ex, new RecentFiles(file));
        recent2.attach(vm2.checkpoint());
        recent2.load();
        assertEquals(List.of(dir.toString()), vm2.checkpoint().recent());
        assertTrue(vm2.checkpoint().recentNoteProperty().get().contains("1 recent folder"), vm2.checkpoint().recentNoteProperty().get());
        assertEquals(project.normalize(), recent2.projects().get(0).path());
    }
}
