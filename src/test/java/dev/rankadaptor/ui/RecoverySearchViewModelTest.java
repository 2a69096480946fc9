package dev.rankadaptor.ui;

import dev.rankadaptor.ui.recovery.RecoverySearchViewModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Recovery & search form validation without a Stage. */
class RecoverySearchViewModelTest {

    @Test
    void defaultsAreValidAndFollowThePaper() {
        RecoverySearchViewModel vm = new RecoverySearchViewModel();
        assertEquals("", vm.errorProperty().get());
        assertEquals(List.of(2, 4, 6, 8, 10, 12), vm.settingsProperty().get().candidateRanks());
        assertEquals(List.of(32, 32, 32), vm.settingsProperty().get().hiddenSizes());
        assertEquals(8, vm.settingsProperty().get().baseRank());
        assertEquals(7, vm.settingsProperty().get().loraTargets().size());
    }

    @Test
    void badFieldsAreNamedAndClearTheSettings() {
        RecoverySearchViewModel vm = new RecoverySearchViewModel();
        vm.field("candidateRanks").set("2,x");
        assertNull(vm.settingsProperty().get());
        assertTrue(vm.errorProperty().get().startsWith("candidateRanks"), vm.errorProperty().get());
        vm.field("candidateRanks").set("2, 16");
        assertEquals(List.of(2, 16), vm.settingsProperty().get().candidateRanks());
        vm.field("maxTrials").set("4");
        assertTrue(vm.errorProperty().get().startsWith("search.maxTrials"), vm.errorProperty().get());
        vm.field("maxTrials").set("64");
        vm.field("device").set("gpu");
        assertTrue(vm.errorProperty().get().startsWith("device"));
        vm.field("device").set("cuda:1");
        assertEquals("cuda:1", vm.settingsProperty().get().device());
        vm.loraTargets().clear();
        assertTrue(vm.errorProperty().get().startsWith("recovery.loraTargets"));
        vm.loraTargets().add("q_proj");
        assertEquals(java.util.Set.of("q_proj"), vm.settingsProperty().get().loraTargets());
        assertThrows(IllegalArgumentException.class, () -> vm.field("nope"));
    }
}
