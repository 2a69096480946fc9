package dev.rankadaptor.ui;

import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.pipeline.DataFileCheck;
import dev.rankadaptor.ui.recovery.DataFilesViewModel;
import dev.rankadaptor.ui.recovery.DataSectionViewModel;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The Recovery & Search panel's data-file checks over the demo's real files and broken ones, without a Stage. */
class DataFilesViewModelTest {
    private static final Path DEMO = Path.of("sample-projects/tiny-llama-demo").toAbsolutePath();

    private final SameThreadUiExecutor executor = new SameThreadUiExecutor();
    private final DataSectionViewModel data = new DataSectionViewModel();
    private final StringProperty calibration = new SimpleStringProperty("data/calibration.txt");
    private final DataFilesViewModel vm = new DataFilesViewModel(executor, data, calibration, Duration.ZERO);

    private DataFileCheck check(String role) {
        return vm.checks().stream().filter(c -> c.role().equals(role)).findFirst().orElseThrow(() -> new AssertionError("no " + role + " in " + vm.checks()));
    }

    @Test
    void demoFilesAreReadWithTheRunsReadersAndCounted() {
        data.projectFolderProperty().set(DEMO);
        data.validationSizeProperty().set("16");
        vm.request();
        assertEquals(9, vm.checks().size(), vm.checks().toString());
        DataFileCheck rec = check("recovery data");
        assertTrue(rec.ok(), rec.message());
        assertEquals(2000, rec.count());
        assertEquals(DEMO.resolve("data/recovery_alpaca.json"), rec.path());
        DataFileCheck cal = check("calibration text");
        assertTrue(cal.ok(), cal.message());
        assertEquals(694, cal.count());
        assertEquals(150, check("task boolq").count());
        assertEquals(138, check("task arc_easy").count());
        assertEquals(120, check("task arc_challenge").count());
        assertEquals(127, check("task openbookqa").count());
        assertTrue(vm.checks().stream().allMatch(DataFileCheck::ok));
        assertEquals("9 file(s) read, all OK", vm.statusProperty().get());
    }

    @Test
    void watchReChecksWhenTasksOrPathsChange() {
        data.projectFolderProperty().set(DEMO);
        data.validationSizeProperty().set("16");
        vm.watch();
        data.tasks().retainAll(Set.of("boolq", "piqa"));
        int before = executor.submittedCount();
        assertEquals(List.of("recovery data", "calibration text", "task boolq", "task piqa"),
                vm.checks().stream().map(DataFileCheck::role).toList());
        data.taskFolderProperty().set("nowhere");
        assertTrue(executor.submittedCount() > before);
        DataFileCheck boolq = check("task boolq");
        assertFalse(boolq.ok());
        assertEquals(-1, boolq.count());
        assertTrue(boolq.message().contains("nowhere"), boolq.message());
        assertEquals("2 of 4 file(s) have problems", vm.statusProperty().get());
    }

    @Test
    void brokenFilesGiveTheReadersMessagesNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("bad.json"), "[{\"instruction\": \"a\", \"output\": \"b\"},\n {\"instruction\": ");
        Files.writeString(dir.resolve("nofield.json"), "[{\"instruction\": \"a\", \"output\": \"b\"}, {\"instruction\": \"c\"}]");
        Files.createDirectories(dir.resolve("tasks"));
        Files.writeString(dir.resolve("tasks/boolq.jsonl"), "{\"question\":\"q\",\"passage\":\"p\",\"label\":true}\n{\"passage\":\"p\",\"label\":false}\n");
        Files.writeString(dir.resolve("tasks/piqa.jsonl"), "{\"goal\": oops}\n");
        data.projectFolderProperty().set(dir);
        data.taskFolderProperty().set("tasks");
        data.tasks().retainAll(Set.of("boolq", "piqa", "hellaswag"));
        data.validationSizeProperty().set("0");

        data.dataFileProperty().set("bad.json");
        calibration.set("missing.txt");
        vm.request();
        assertEquals(5, vm.checks().size(), vm.statusProperty().get());
        DataFileCheck rec = check("recovery data");
        assertFalse(rec.ok());
        assertTrue(rec.message().contains(dir.resolve("bad.json").toString()), rec.message());
        assertTrue(rec.message().contains("not valid JSON"), rec.message());
        DataFileCheck cal = check("calibration text");
        assertFalse(cal.ok());
        assertTrue(cal.message().contains("missing.txt"), cal.message());
        DataFileCheck boolq = check("task boolq");
        assertFalse(boolq.ok());
        assertTrue(boolq.message().contains("boolq.jsonl"), boolq.message());
        assertTrue(boolq.message().contains("boolq.jsonl:2") && boolq.message().contains("question"), boolq.message());
        DataFileCheck piqa = check("task piqa");
        assertFalse(piqa.ok());
        assertTrue(piqa.message().contains("piqa.jsonl"), piqa.message());
        DataFileCheck hella = check("task hellaswag");
        assertFalse(hella.ok());
        assertTrue(hella.message().contains("hellaswag"), hella.message());

        data.dataFileProperty().set("nofield.json");
        vm.request();
        rec = check("recovery data");
        assertFalse(rec.ok());
        assertTrue(rec.message().contains("nofield.json") && rec.message().contains("index 1")
                && rec.message().contains("\"output\""), rec.message());

        data.dataFileProperty().set("gone.json");
        vm.request();
        rec = check("recovery data");
        assertTrue(rec.message().contains("gone.json") && rec.message().contains("does not exist"), rec.message());
    }

    @Test
    void formatColumnShowsTheFormatDetectedFromContent(@TempDir Path dir) throws Exception {
        Path res = Path.of("src/test/resources/datafmt").toAbsolutePath();
        // Alpaca rows as Parquet under a neutral name, ARC-e as its original release, PIQA in a hub-cache snapshot,
        // BoolQ as a datasets-cache Arrow stream named .json
        dev.rankadaptor.eval.TableFixtures.parquet(dir.resolve("alpaca.data"), dev.rankadaptor.eval.TableFixtures.jsonLines(
                res.resolve("alpaca/alpaca_data.jsonl")), org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY, false);
        Path tasks = Files.createDirectories(dir.resolve("tasks"));
        Files.copy(res.resolve("original/ARC-V1-Feb2018-2/ARC-Easy/ARC-Easy-Test.jsonl"), tasks.resolve("arc_easy.jsonl"));
        dev.rankadaptor.eval.TableFixtures.parquet(tasks.resolve("datasets--ybisk--piqa/snapshots/h/plain_text/validation-00000-of-00001.parquet"),
                dev.rankadaptor.eval.TableFixtures.jsonLines(res.resolve("hf/piqa.jsonl")),
                org.apache.parquet.hadoop.metadata.CompressionCodecName.SNAPPY, false);
        dev.rankadaptor.eval.TableFixtures.arrowStream(tasks.resolve("boolq.json"),
                dev.rankadaptor.eval.TableFixtures.jsonLines(res.resolve("hf/boolq.jsonl")));
        Files.writeString(dir.resolve("cal.txt"), "some calibration text\n");
        calibration.set("cal.txt");
        data.projectFolderProperty().set(dir);
        data.dataFileProperty().set("alpaca.data");
        data.taskFolderProperty().set("tasks");
        data.validationSizeProperty().set("1");
        data.tasks().retainAll(Set.of("arc_easy", "piqa", "boolq"));
        vm.request();
        assertTrue(vm.checks().stream().allMatch(DataFileCheck::ok), vm.checks().toString());
        assertEquals("Parquet", check("recovery data").format());
        assertEquals(3, check("recovery data").count());
        assertEquals("UTF-8 text", check("calibration text").format());
        assertEquals("JSON Lines, original ARC release", check("task arc_easy").format());
        assertEquals("Parquet", check("task piqa").format());
        assertEquals(tasks.resolve("datasets--ybisk--piqa/snapshots/h/plain_text/validation-00000-of-00001.parquet"), check("task piqa").path());
        assertEquals("Arrow IPC stream", check("task boolq").format());

        Files.write(tasks.resolve("boolq.json"), new byte[] {1, 2, 3, 4, 5});
        vm.request();
        assertFalse(check("task boolq").ok());
        assertEquals("—", check("task boolq").format());
        assertTrue(check("task boolq").message().contains("not a data file this tool reads"), check("task boolq").message());
    }

    @Test
    void validationSizeThatHoldsOutEverythingIsFlagged(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("r.json"), "[{\"instruction\": \"a\", \"input\": \"\", \"output\": \"b\"}]");
        data.projectFolderProperty().set(dir);
        data.dataFileProperty().set("r.json");
        data.validationSizeProperty().set("1");
        vm.request();
        DataFileCheck rec = check("recovery data");
        assertFalse(rec.ok());
        assertEquals(1, rec.count());
        assertTrue(rec.message().contains("validation_size"), rec.message());
    }

    @Test
    void subsetsAndFieldsAreValidatedByProjectFieldName() {
        assertEquals("first 40", DataSectionViewModel.formatSubset(DataSectionViewModel.parseSubset("x", "first 40")));
        assertEquals("random 500 seed 3", DataSectionViewModel.formatSubset(DataSectionViewModel.parseSubset("x", " Random 500  seed 3")));
        assertEquals("all", DataSectionViewModel.formatSubset(DataSectionViewModel.parseSubset("x", "all")));
        data.searchSubsetProperty().set("first 0");
        assertTrue(data.errorProperty().get().startsWith("evaluation.search_subset"), data.errorProperty().get());
        data.searchSubsetProperty().set("first 10");
        assertEquals("", data.errorProperty().get());
        data.tasks().clear();
        assertTrue(data.errorProperty().get().startsWith("evaluation.tasks"), data.errorProperty().get());
        data.tasks().add("piqa");
        data.validationSizeProperty().set("-1");
        assertTrue(data.errorProperty().get().startsWith("recovery.validation_size"), data.errorProperty().get());
    }
}
