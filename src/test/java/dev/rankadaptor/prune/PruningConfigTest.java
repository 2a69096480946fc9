package dev.rankadaptor.prune;

import dev.rankadaptor.common.InvalidFieldException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruningConfigTest {
    private static final Path TEXT = Path.of("calibration.txt");

    private static InvalidFieldException refused(String field, Executable e) {
        InvalidFieldException ex = assertThrows(InvalidFieldException.class, e);
        assertEquals(field, ex.field());
        assertTrue(ex.getMessage().startsWith(field + ": "), ex.getMessage());
        return ex;
    }

    @Test
    void ratioMustBeInsideTheOpenUnitInterval() {
        for (double bad : new double[]{0, 1, -0.1, 1.5, Double.NaN}) {
            refused("local_ratio", () -> PruningConfig.blockLocal(bad, TEXT));
            refused("target_ratio", () -> PruningConfig.blockGlobal(bad, TEXT));
        }
    }

    @Test
    void exactlyOneRatio() {
        refused("target_ratio", () -> new PruningConfig(PruningMethod.BLOCK, 0.2, 0.25, null, null, null, TEXT, 10, 64, 1));
        refused("target_ratio", () -> new PruningConfig(PruningMethod.BLOCK, null, null, null, null, null, TEXT, 10, 64, 1));
    }

    @Test
    void samplesWindowAndTextAreChecked() {
        refused("samples", () -> new PruningConfig(PruningMethod.BLOCK, null, 0.2, null, null, null, TEXT, 0, 64, 1));
        refused("window", () -> new PruningConfig(PruningMethod.BLOCK, null, 0.2, null, null, null, TEXT, 10, 1, 1));
        refused("calibration_text", () -> new PruningConfig(PruningMethod.BLOCK, null, 0.2, null, null, null, null, 10, 64, 1));
    }

    @Test
    void defaultsAreElement1AndTheDefaultProtectedSet() {
        PruningConfig c = new PruningConfig(PruningMethod.BLOCK, null, 0.2, null, null, null, TEXT, 10, 64, 1);
        assertEquals(ImportanceKind.ELEMENT1, c.importance());
        assertEquals(Set.of(0, 1, 2, 3, 30, 31), c.resolveProtected(32));
        assertEquals(Set.of(0, 1, 2, 3, 10, 11), c.resolveProtected(12));
        assertEquals(Set.of(0, 7), c.resolveProtected(8));
        assertEquals(Set.of(0, 3), c.resolveProtected(4));
        assertEquals(Set.of(), c.resolveProtected(2));
    }

    @Test
    void protectedLayersMustExistAndLeaveSomethingToPrune() {
        InvalidFieldException e = refused("protected_layers",
                () -> PruningConfig.blockLocal(0.2, TEXT).withProtectedLayers(Set.of(0, 40)).resolveProtected(32));
        assertTrue(e.getMessage().contains("40") && e.getMessage().contains("0..31"), e.getMessage());
        e = refused("protected_layers",
                () -> PruningConfig.blockLocal(0.2, TEXT).withProtectedLayers(Set.of(0, 1, 2)).resolveProtected(3));
        assertTrue(e.getMessage().contains("nothing to prune"), e.getMessage());
        refused("protected_layers", () -> PruningConfig.blockLocal(0.2, TEXT).withProtectedLayers(Set.of(-1)));
        // the planner applies the same check
        refused("protected_layers", () -> PrunedWidths.plan(
                PruningConfig.blockLocal(0.2, TEXT).withProtectedLayers(Set.of(32)),
                PrunedWidthsTest.LLAMA_7B, PrunedWidthsTest.LLAMA_7B.nominalLayout(), 2));
    }

    @Test
    void calibrationShorterThanOneWindowNamesTheSource() {
        InvalidFieldException e = refused("calibration_text",
                () -> CalibrationWindows.fromTokens(new int[63], 10, 64, 1, "notes/book.txt"));
        assertTrue(e.getMessage().contains("notes/book.txt") && e.getMessage().contains("63"), e.getMessage());
    }

    @Test
    void calibrationWindowsAreSeeded() {
        int[] tokens = new int[500];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = i;
        }
        CalibrationWindows a = CalibrationWindows.fromTokens(tokens, 5, 64, 9, "x");
        CalibrationWindows b = CalibrationWindows.fromTokens(tokens, 5, 64, 9, "x");
        CalibrationWindows c = CalibrationWindows.fromTokens(tokens, 5, 64, 10, "x");
        for (int i = 0; i < 5; i++) {
            assertEquals(a.windows().get(i)[0], b.windows().get(i)[0]);
            assertEquals(a.windows().get(i)[0] + 63, a.windows().get(i)[63]);
        }
        assertTrue(a.windows().get(0)[0] != c.windows().get(0)[0] || a.windows().get(1)[0] != c.windows().get(1)[0]);
    }

    @Test
    void unreachableTargetNamesTheLimit() {
        InvalidFieldException e = refused("target_ratio", () -> PrunedWidths.plan(
                PruningConfig.blockGlobal(0.8, TEXT), PrunedWidthsTest.LLAMA_7B,
                PrunedWidthsTest.LLAMA_7B.nominalLayout(), 2));
        assertTrue(e.getMessage().contains("at most"), e.getMessage());
    }

    @Test
    void roundTripsThroughJson() throws Exception {
        PruningConfig c = PruningConfig.blockGlobal(0.3, Path.of("data", "calibration.txt"))
                .withProtectedLayers(Set.of(0, 5)).withImportance(ImportanceKind.MIX).withCalibration(
                        Path.of("data", "calibration.txt"), 12, 32, 99);
        String json = dev.rankadaptor.common.Json.mapper().writeValueAsString(c);
        PruningConfig back = dev.rankadaptor.common.Json.mapper().readValue(json, PruningConfig.class);
        assertEquals(c.method(), back.method());
        assertEquals(c.targetGlobalRatio(), back.targetGlobalRatio());
        assertEquals(c.localRatio(), back.localRatio());
        assertEquals(c.protectedLayers(), back.protectedLayers());
        assertEquals(c.importance(), back.importance());
        assertEquals(c.samples(), back.samples());
        assertEquals(c.window(), back.window());
        assertEquals(c.seed(), back.seed());
        assertEquals(c.calibrationText().toAbsolutePath(), back.calibrationText().toAbsolutePath());
    }
}
