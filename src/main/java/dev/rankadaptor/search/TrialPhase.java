package dev.rankadaptor.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Why a trial was run; journals and the GUI colour trials by it. Files write the lower-case name
 * ("initial", "repeat"), as journals always have.
 */
public enum TrialPhase {
    /** Random trial before the performance model has data (or to calibrate a meta-learned model). */
    INITIAL,
    /** Chosen by the performance model (or an exploration pick of the model-based loop). */
    SEARCH,
    /** A baseline configuration (uniform rank, LoRA*, random search). */
    BASELINE,
    /** A re-run of an earlier configuration with another seed, to estimate noise. */
    REPEAT,
    /**
     * A re-measurement of the first initial configuration with another trial seed, on the same items:
     * its spread against the first measurement is the noise of one trial, the default convergence
     * threshold (see {@link SearchConfig#noiseTrials()}).
     */
    NOISE,
    /** The configuration the converged performance model predicts best (see {@link ModelPick}). */
    PICK,
    /** A trial run by hand with the {@code trial} command (its default phase). */
    MANUAL;

    /** The phases of the search itself (its trials feed the performance model and its statistics). */
    public static final Set<TrialPhase> SEARCH_PHASES = EnumSet.of(INITIAL, NOISE, SEARCH, BASELINE);

    /** Phases measured on the search items: the search phases and the model's pick (not repeats, not manual trials). */
    public static final Set<TrialPhase> SEARCH_ITEM_PHASES = EnumSet.of(INITIAL, NOISE, SEARCH, BASELINE, PICK);

    /** The id written to files: the lower-case name. */
    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The phase of an id as files write it; a clear error naming the expected ids otherwise. */
    @JsonCreator
    public static TrialPhase fromId(String id) {
        for (TrialPhase p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new InvalidFieldException("phase", "unknown trial phase \"" + id + "\", expected one of "
                + String.join(", ", Arrays.stream(values()).map(TrialPhase::id).toList()));
    }

    @Override
    public String toString() {
        return id();
    }
}
