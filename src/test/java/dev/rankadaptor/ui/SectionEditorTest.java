package dev.rankadaptor.ui;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.experiment.SearchSection;
import dev.rankadaptor.ui.form.SectionEditor.FieldText;
import dev.rankadaptor.ui.form.SectionEditor;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The panels' editor over a section record: with-copies, the record's own messages, pending edits, load. */
class SectionEditorTest {

    private static SectionEditor<SearchSection> editor() {
        return new SectionEditor<>(SearchSection.defaults());
    }

    @Test
    void anEditReplacesTheRecordAndARefusedOneKeepsTheLastValid() {
        SectionEditor<SearchSection> e = editor();
        StringProperty max = e.text("maxTrials", s -> Integer.toString(s.maxTrials()),
                (s, t) -> s.withMaxTrials(FieldText.integer("search.max_trials", t)));
        assertEquals("24", max.get(), "the record's default, shown as text");
        max.set("30");
        assertEquals(30, e.valid().maxTrials());
        max.set("0");
        assertEquals("search.max_trials: must be >= 1, was 0", e.errorProperty().get(), "the section's own message");
        assertEquals(30, e.value().maxTrials());
        InvalidFieldException thrown = assertThrows(InvalidFieldException.class, e::valid);
        assertEquals("search.max_trials", thrown.field());
        max.set("many");
        assertTrue(e.errorProperty().get().startsWith("search.max_trials: must be a whole number"), e.errorProperty().get());
        max.set("12");
        assertEquals("", e.errorProperty().get());
        assertEquals(12, e.valid().maxTrials());
    }

    @Test
    void aPendingEditIsRetriedWhenTheFieldItDependsOnChanges() {
        SectionEditor<SearchSection> e = editor();
        StringProperty initial = e.text("initialTrials", s -> Integer.toString(s.initialRandomTrials()),
                (s, t) -> s.withInitialRandomTrials(FieldText.integer("search.initial_random_trials", t)));
        StringProperty max = e.text("maxTrials", s -> Integer.toString(s.maxTrials()),
                (s, t) -> s.withMaxTrials(FieldText.integer("search.max_trials", t)));
        initial.set("80");
        assertTrue(e.errorProperty().get().startsWith("search.initial_random_trials"), e.errorProperty().get());
        max.set("100");
        assertEquals("", e.errorProperty().get());
        assertEquals(80, e.valid().initialRandomTrials());
        assertEquals(100, e.valid().maxTrials());
        assertEquals("", e.errorOf(List.of("maxTrials")));
    }

    @Test
    void loadShowsARecordAndDropsPendingEdits() {
        SectionEditor<SearchSection> e = editor();
        StringProperty max = e.text("maxTrials", s -> Integer.toString(s.maxTrials()),
                (s, t) -> s.withMaxTrials(FieldText.integer("search.max_trials", t)));
        max.set("x");
        SearchSection loaded = SearchSection.defaults().withMaxTrials(9);
        e.load(loaded);
        assertEquals("9", max.get());
        assertEquals("", e.errorProperty().get());
        assertSame(loaded, e.valid());
    }

    @Test
    void copiesKeepEveryOtherSetting() {
        SearchSection s = new SearchSection(List.of(2, 4), List.of(8), "tanh", 2, 64, 1, 10, 0.0, 2, 5.0, 2,
                List.of(11L, 12L), List.of("bank"), "average", 1, 100, 0.5);
        SearchSection r = s.withRepeats(2).withMaxTrials(12);
        assertEquals(List.of(11L, 12L), r.seeds());
        assertEquals("tanh", r.activation());
        assertEquals(List.of("bank"), r.trialBank());
        assertEquals(100, r.pickCandidates());
        assertEquals(0.5, r.parameterBudget());
        assertEquals(List.of(), s.withRepeats(3).seeds(), "listed seeds that no longer match R are dropped");
        SearchSection noNoise = new SearchSection(List.of(2, 4), List.of(8), "relu", 2, 64, 0, 10, 0.01, 2, 0.0, 2,
                List.of(), List.of(), "average", 0, 100, 1.0);
        assertEquals(SearchSection.DEFAULT_NOISE_TRIALS, noNoise.withConvergenceThreshold(0.0).noiseTrials(),
                "threshold 0 (the measured noise) needs noise trials");
    }
}
