package dev.rankadaptor.ui;

import ai.djl.ndarray.types.DataType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.checkpoint.SafetensorsFile;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.experiment.MethodRow;
import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.TinyModels;
import dev.rankadaptor.recover.AlphaRule;
import dev.rankadaptor.recover.LoraAttachment;
import dev.rankadaptor.recover.LoraConfig;
import dev.rankadaptor.recover.PeftExporter;
import dev.rankadaptor.recover.AdapterCheck;
import dev.rankadaptor.pipeline.AdapterExport;
import dev.rankadaptor.ui.exec.SameThreadUiExecutor;
import dev.rankadaptor.ui.results.AdapterExportViewModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * "Export adapter (PEFT)": a run folder with real adapters written by {@link PeftExporter} on a tiny
 * random model; the best method with an adapter is offered first, the copy holds the same tensors
 * and config, and broken adapters or a non-empty target are refused naming the file.
 */
class AdapterExportTest {
    @TempDir
    static Path shared;
    static Path run;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeRunWithAdapters() {
        run = shared.resolve("runs").resolve("20260101-000000-abcd");
        try (LlamaModel m = TinyModels.random(5, DataType.FLOAT32)) {
            dev.rankadaptor.model.LlamaModelWriter.write(m, run.resolve(RunDirectory.PRUNED), DataType.FLOAT32, null, Map.of());
            try (LoraAttachment ra = LoraAttachment.attach(m, new LoraConfig(LoraConfig.allTargets(), new int[] {8, 4, 2},
                    AlphaRule.FIXED, 16, 0.05, 1))) {
                PeftExporter.export(ra, 0.05, "/models/base", run.resolve(RunDirectory.ADAPTERS).resolve("rankadaptor"));
            }
            try (LoraAttachment lora = LoraAttachment.attach(m, LoraConfig.uniform(3, 8, 2))) {
                PeftExporter.export(lora, 0.05, "/models/base", run.resolve(RunDirectory.ADAPTERS).resolve("lora_uniform"));
            }
        }
    }

    private static ResultsTable results() {
        List<String> tasks = List.of("boolq", "piqa");
        return new ResultsTable(tasks, List.of(
                MethodRow.measured("no_recovery", null, tasks, List.of(Map.of("boolq", 0.9, "piqa", 0.9))),
                MethodRow.measured("lora_uniform", null, tasks, List.of(Map.of("boolq", 0.50, "piqa", 0.52))),
                MethodRow.measured("rankadaptor", null, tasks, List.of(Map.of("boolq", 0.55, "piqa", 0.57),
                        Map.of("boolq", 0.53, "piqa", 0.55)))));
    }

    private static Path copyOf(Path adapter, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(adapter)) {
            for (Path f : s.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    @Test
    void bestMethodWithAnAdapterComesFirst() {
        List<AdapterExport.Candidate> c = AdapterExport.candidates(run, results());
        // no_recovery scores best but has no adapter; rankadaptor (mean 0.55) beats LoRA (0.51)
        assertEquals(List.of("rankadaptor", "lora_uniform"), c.stream().map(AdapterExport.Candidate::method).toList());
        assertEquals("RankAdaptor (best trial)", c.get(0).label());
        assertEquals(0.55, c.get(0).meanScore(), 1e-9);
        assertEquals("rankadaptor", AdapterExport.best(run, results()).orElseThrow().method());
        // without results: both offered, by name
        assertEquals(List.of("lora_uniform", "rankadaptor"),
                AdapterExport.candidates(run, null).stream().map(AdapterExport.Candidate::method).toList());
        assertTrue(AdapterExport.candidates(dir, results()).isEmpty());
    }

    @Test
    void exportedCopyHasTheSameTensorsAndConfig() throws IOException {
        Path source = run.resolve("adapters/rankadaptor");
        Path target = dir.resolve("out").resolve("rankadaptor-peft");
        AdapterCheck.Summary s = AdapterExport.export(source, target, CancellationToken.none());
        assertEquals(target.toAbsolutePath().normalize(), s.folder());
        assertEquals(3 * 7, s.modules());
        JsonNode a = Json.mapper().readTree(source.resolve(PeftExporter.CONFIG_FILE).toFile());
        JsonNode b = Json.mapper().readTree(target.resolve(PeftExporter.CONFIG_FILE).toFile());
        assertEquals(a, b);
        assertEquals(s.rank(), b.get("r").asInt());
        try (SafetensorsFile fa = SafetensorsFile.open(source.resolve(PeftExporter.WEIGHTS_FILE));
             SafetensorsFile fb = SafetensorsFile.open(target.resolve(PeftExporter.WEIGHTS_FILE))) {
            assertEquals(fa.names(), fb.names());
            for (String n : fa.names()) {
                assertArrayEquals(fa.shape(n), fb.shape(n), n);
                assertArrayEquals(fa.readFloats(n), fb.readFloats(n), n);
            }
        }
        // nothing else is left behind next to the target (the temporary copy was renamed)
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertEquals(List.of("rankadaptor-peft"), left.map(p -> p.getFileName().toString()).toList());
        }
        // an existing empty folder is a fine target too
        Path empty = Files.createDirectories(dir.resolve("empty"));
        AdapterExport.export(run.resolve("adapters/lora_uniform"), empty, CancellationToken.none());
        assertTrue(Files.isRegularFile(empty.resolve(PeftExporter.WEIGHTS_FILE)));
    }

    @Test
    void nonEmptyTargetIsRefusedAndLeftAlone() throws IOException {
        Path target = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(target.resolve("notes.txt"), "mine");
        UserInputException e = assertThrows(UserInputException.class,
                () -> AdapterExport.export(run.resolve("adapters/rankadaptor"), target, CancellationToken.none()));
        assertTrue(e.getMessage().contains(target.toString()) && e.getMessage().contains("not empty"), e.getMessage());
        try (Stream<Path> s = Files.list(target)) {
            assertEquals(List.of("notes.txt"), s.map(p -> p.getFileName().toString()).toList());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("busy"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void missingAdapterFolderIsNamed() {
        Path missing = run.resolve("adapters/adalora");
        UserInputException e = assertThrows(UserInputException.class,
                () -> AdapterExport.export(missing, dir.resolve("x"), CancellationToken.none()));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void corruptConfigIsNamed() throws IOException {
        Path bad = copyOf(run.resolve("adapters/rankadaptor"), dir.resolve("bad"));
        Path config = bad.resolve(PeftExporter.CONFIG_FILE);
        Files.writeString(config, "{\"r\": 8, \"target_modules\": [\"q_proj\"");
        UserInputException e = assertThrows(UserInputException.class, () -> AdapterCheck.check(bad));
        assertTrue(e.getMessage().contains(config.toString()) && e.getMessage().contains("JSON"), e.getMessage());
        assertThrows(UserInputException.class, () -> AdapterExport.export(bad, dir.resolve("y"), CancellationToken.none()));
        assertFalse(Files.exists(dir.resolve("y")));

        Files.writeString(config, "{\"target_modules\": [\"q_proj\"]}");
        e = assertThrows(UserInputException.class, () -> AdapterCheck.check(bad));
        assertTrue(e.getMessage().contains(config.toString()) && e.getMessage().contains("field r"), e.getMessage());
        Files.writeString(config, "{\"r\": 8, \"target_modules\": []}");
        e = assertThrows(UserInputException.class, () -> AdapterCheck.check(bad));
        assertTrue(e.getMessage().contains("target_modules"), e.getMessage());
        // ranks that disagree with the weights: rank_pattern dropped, so layer 1 (rank 4) contradicts r = 8
        Files.writeString(config, "{\"r\": 8, \"target_modules\": [\"q_proj\"], \"rank_pattern\": {}}");
        e = assertThrows(UserInputException.class, () -> AdapterCheck.check(bad));
        assertTrue(e.getMessage().contains(PeftExporter.WEIGHTS_FILE) && e.getMessage().contains("rank 4"), e.getMessage());
    }

    @Test
    void damagedOrMissingWeightsAreNamed() throws IOException {
        Path bad = copyOf(run.resolve("adapters/lora_uniform"), dir.resolve("bad"));
        Path weights = bad.resolve(PeftExporter.WEIGHTS_FILE);
        byte[] all = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(all, 20));
        UserInputException e = assertThrows(UserInputException.class, () -> AdapterCheck.check(bad));
        assertTrue(e.getMessage().contains(weights.toString()), e.getMessage());
        Files.delete(weights);
        e = assertThrows(UserInputException.class, () -> AdapterCheck.check(bad));
        assertTrue(e.getMessage().contains(weights.toString()) && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void viewModelPreselectsTheBestAndSaysWhyItIsDisabled() throws IOException {
        SameThreadUiExecutor ex = new SameThreadUiExecutor();
        AdapterExportViewModel vm = new AdapterExportViewModel();
        assertFalse(vm.availableProperty().get());
        assertEquals(AdapterExportViewModel.NO_RUN, vm.disabledReasonProperty().get());

        Path emptyRun = Files.createDirectories(dir.resolve("runs/empty/adapters"));
        vm.setRun(emptyRun.getParent(), results(), ex);
        assertFalse(vm.availableProperty().get());
        assertTrue(vm.disabledReasonProperty().get().contains("no adapters"), vm.disabledReasonProperty().get());

        vm.setRun(run, results(), ex);
        assertTrue(vm.availableProperty().get());
        assertEquals("rankadaptor", vm.selectedProperty().get().method());
        Path target = dir.resolve("exported");
        vm.export(target, ex);
        assertTrue(vm.statusProperty().get().startsWith("exported the RankAdaptor (best trial) adapter"), vm.statusProperty().get());
        assertTrue(Files.isRegularFile(target.resolve(PeftExporter.CONFIG_FILE)));
        vm.export(target, ex); // now non-empty
        assertTrue(vm.statusProperty().get().startsWith("adapter export failed: ") && vm.statusProperty().get().contains("not empty"),
                vm.statusProperty().get());

        vm.setRun(null, null, ex);
        assertFalse(vm.availableProperty().get());
        assertNull(vm.selectedProperty().get());
    }

    @Test
    void hfPairIsTheRunsPrunedModelPaddedWithTheAdapterPaddedAlike() throws Exception {
        Path target = dir.resolve("pair");
        AdapterExport.Pair p = AdapterExport.exportHfPair(run, run.resolve("adapters/rankadaptor"), target, CancellationToken.none());
        assertEquals(target.toAbsolutePath().normalize(), p.folder());
        // TinyModels' uneven layers (4/2/40, 2/1/24, 4/2/16) pad to 4 heads / 2 kv heads / MLP 40
        assertEquals(List.of(4, 2, 40, 21), List.of(p.heads(), p.kvHeads(), p.mlpWidth(), p.modules()));
        try (dev.rankadaptor.checkpoint.Checkpoint c = dev.rankadaptor.checkpoint.Checkpoint.open(p.model())) {
            assertFalse(c.isPruned());
        }
        AdapterCheck.Summary s = AdapterCheck.check(p.adapter());
        assertEquals(21, s.modules());
        JsonNode config = Json.mapper().readTree(p.adapter().resolve(PeftExporter.CONFIG_FILE).toFile());
        assertEquals(p.model().toString(), config.get("base_model_name_or_path").asText());
        try (SafetensorsFile f = SafetensorsFile.open(p.adapter().resolve(PeftExporter.WEIGHTS_FILE))) {
            // layer 1 had 2 query heads and MLP 24: its q lora_B and down lora_A are padded to 4 heads and 40 channels
            assertEquals(4 * 8, f.shape("base_model.model.model.layers.1.self_attn.q_proj.lora_B.weight")[0]);
            assertEquals(40, f.shape("base_model.model.model.layers.1.mlp.down_proj.lora_A.weight")[1]);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of("pair"), left.map(x -> x.getFileName().toString()).toList(), "no temporary folder is left");
        }
        UserInputException e = assertThrows(UserInputException.class,
                () -> AdapterExport.exportHfPair(dir, run.resolve("adapters/rankadaptor"), dir.resolve("other"), CancellationToken.none()));
        assertTrue(e.getMessage().contains("no pruned model"), e.getMessage());
    }

    @Test
    void viewModelExportsTheHfPairWhenThatFormIsChosen() {
        SameThreadUiExecutor ex = new SameThreadUiExecutor();
        AdapterExportViewModel vm = new AdapterExportViewModel();
        vm.setRun(run, results(), ex);
        assertEquals(AdapterExport.Form.PRUNED_ADAPTER, vm.formProperty().get());
        vm.formProperty().set(AdapterExport.Form.HF_PAIR);
        Path target = dir.resolve("hf-pair");
        vm.export(target, ex);
        assertTrue(vm.statusProperty().get().startsWith("exported the padded model (4 heads / 2 kv heads / MLP 40"),
                vm.statusProperty().get());
        assertTrue(Files.isRegularFile(target.resolve(AdapterExport.PAIR_MODEL).resolve("model.safetensors")));
        assertTrue(Files.isRegularFile(target.resolve(AdapterExport.PAIR_ADAPTER).resolve(PeftExporter.WEIGHTS_FILE)));
        vm.export(target, ex);
        assertTrue(vm.statusProperty().get().startsWith("adapter export failed: ") && vm.statusProperty().get().contains("not empty"),
                vm.statusProperty().get());
    }

    @Test
    void openingARunInTheSessionOffersItsBestAdapter() {
        dev.rankadaptor.ui.workbench.WorkbenchViewModel wvm = WorkbenchApp.createViewModel(new SameThreadUiExecutor(),
                dev.rankadaptor.ui.run.RunController.inert());
        dev.rankadaptor.ui.backend.ProjectSession session = new dev.rankadaptor.ui.backend.ProjectSession(wvm);
        dev.rankadaptor.experiment.JournalState state = new dev.rankadaptor.experiment.JournalState(
                dev.rankadaptor.experiment.RunStatus.FINISHED, null, 0, null, List.of(), null, List.of(), null, null,
                List.of(), List.of(), 0);
        session.show(new dev.rankadaptor.ui.backend.ProjectSession.Replayed(run, state, results()));
        assertTrue(wvm.results().adapters().availableProperty().get());
        assertEquals("rankadaptor", wvm.results().adapters().selectedProperty().get().method());
        assertEquals(run, wvm.results().adapters().runFolderProperty().get());
    }
}
