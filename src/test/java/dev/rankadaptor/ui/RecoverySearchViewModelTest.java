package dev.rankadaptor.ui;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.RecoverySection;
import dev.rankadaptor.experiment.SearchSection;
import dev.rankadaptor.recover.LoraConfig;
import dev.rankadaptor.ui.recovery.RecoverySearchViewModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Recovery & search form validation without a Stage: the form edits the project's own sections. */
class RecoverySearchViewModelTest {

    @Test
    void defaultsAreTheProjectFilesDefaults() {
        RecoverySearchViewModel vm = new RecoverySearchViewModel();
        assertEquals("", vm.errorProperty().get());
        Project defaults = Project.untitled();
        assertEquals(defaults.recovery(), vm.recovery());
        assertEquals(defaults.search(), vm.search());
        assertEquals(defaults.execution(), vm.execution());
        assertEquals(List.of(2, 4, 6, 8, 10, 12), vm.search().candidateRanks());
        assertEquals(SearchSection.defaults().candidatesPerIteration(), vm.search().candidatesPerIteration());
        assertEquals(SearchSection.defaults().maxTrials(), vm.search().maxTrials());
        assertEquals("2048", vm.field("candidatesPerIteration").get());
        assertEquals("alpha_2r", vm.field("alphaRule").get(), "the project file's word, not a panel's own");
        assertEquals(7, vm.loraTargets().size());
    }

    @Test
    void badFieldsAreNamedAsInTheProjectFileAndKeepTheLastValidSection() {
        RecoverySearchViewModel vm = new RecoverySearchViewModel();
        vm.field("candidateRanks").set("2,x");
        assertFalse(vm.isValid());
        assertTrue(vm.errorProperty().get().startsWith("search.candidate_ranks"), vm.errorProperty().get());
        assertThrows(InvalidFieldException.class, vm::search);
        assertEquals(List.of(2, 4, 6, 8, 10, 12), vm.searchProperty().get().candidateRanks(), "last valid section kept");
        vm.field("candidateRanks").set("2, 16");
        assertEquals(List.of(2, 16), vm.search().candidateRanks());

        vm.field("maxTrials").set("4");
        assertTrue(vm.errorProperty().get().startsWith("search.initial_random_trials"), vm.errorProperty().get());
        vm.field("initialTrials").set("2");
        assertEquals("", vm.errorProperty().get(), "fixing the other field of the pair applies the pending edit");
        assertEquals(4, vm.search().maxTrials());
        assertEquals(2, vm.search().initialRandomTrials());

        vm.field("device").set("tpu:x");
        assertTrue(vm.errorProperty().get().startsWith("device"), vm.errorProperty().get());
        vm.field("device").set("cuda:1");
        assertEquals("cuda:1", vm.device());
        vm.loraTargets().clear();
        assertTrue(vm.errorProperty().get().startsWith("recovery.targets"), vm.errorProperty().get());
        vm.loraTargets().add("q_proj");
        assertEquals(List.of("q_proj"), vm.recovery().targets());
        assertThrows(IllegalArgumentException.class, () -> vm.field("nope"));
    }

    @Test
    void rankLimitsAreTheSectionsAndAgreeWithLora() {
        RecoverySearchViewModel vm = new RecoverySearchViewModel();
        vm.field("candidateRanks").set("2," + LoraConfig.MAX_RANK);
        vm.field("baseRank").set(Integer.toString(LoraConfig.MAX_RANK));
        assertEquals("", vm.errorProperty().get(), "ranks up to LoRA's limit are allowed (the panel once stopped at 1024)");
        vm.field("candidateRanks").set("2," + (LoraConfig.MAX_RANK + 1));
        assertTrue(vm.errorProperty().get().startsWith("search.candidate_ranks[1]"), vm.errorProperty().get());
        vm.field("candidateRanks").set("2,4");
        vm.field("baseRank").set(Integer.toString(LoraConfig.MAX_RANK + 1));
        assertTrue(vm.errorProperty().get().startsWith("recovery.base_rank"), vm.errorProperty().get());
    }

    @Test
    void aMicroBatchThatDoesNotDivideTheBatchMovesTheBatchToAMultiple() {
        RecoverySearchViewModel vm = new RecoverySearchViewModel();
        vm.field("microBatch").set("24");
        RecoverySection r = vm.recovery();
        assertEquals(24, r.microBatch());
        assertEquals(48, r.batch(), "64 -> the multiple of 24 below it");
    }
}
