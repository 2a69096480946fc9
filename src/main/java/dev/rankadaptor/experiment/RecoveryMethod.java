package dev.rankadaptor.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.rankadaptor.common.InvalidFieldException;

import java.util.Arrays;
import java.util.List;

/**
 * The methods a run measures, with the id journals, result files and tables write ("lora_uniform")
 * and the label the results table shows ("LoRA"): the closed set of the project's methods, so a
 * misspelt id is refused where it is read instead of silently forming a row of its own. Published
 * reference rows ({@code reference}) carry ids of their own and are not methods of a run.
 */
public enum RecoveryMethod {
    NO_RECOVERY("no_recovery", "w/o tuning", false),
    LORA_UNIFORM("lora_uniform", "LoRA", true),
    LORA_STAR("lora_star", "LoRA*", true),
    ADALORA("adalora", "AdaLoRA", true),
    RANDOM_SEARCH("random_search", "Random search", true),
    /** RankAdaptor's best measured search trial (the id of the RankAdaptor row before the model's pick existed). */
    RANKADAPTOR("rankadaptor", "RankAdaptor (best trial)", false),
    /** RankAdaptor's R*: the configuration the converged performance model predicts best. */
    RANKADAPTOR_PICK("rankadaptor_pick", "RankAdaptor (model's pick)", false),
    /** A trial run by hand with the {@code trial} command (its default method). */
    MANUAL("manual", "Manual trial", false);

    /** Ids of the baselines a project may ask for, in table order. */
    public static final List<String> BASELINE_IDS = Arrays.stream(values()).filter(m -> m.baseline).map(RecoveryMethod::id).toList();

    private final String id;
    private final String label;
    private final boolean baseline;

    RecoveryMethod(String id, String label, boolean baseline) {
        this.id = id;
        this.label = label;
        this.baseline = baseline;
    }

    /** The id written to files. */
    @JsonValue
    public String id() {
        return id;
    }

    /** The results table's display name. */
    public String label() {
        return label;
    }

    /** True for the baselines run beside the search ({@code Project.baselines}). */
    public boolean baseline() {
        return baseline;
    }

    /** The method of an id as files write it; a clear error naming the expected ids otherwise. */
    @JsonCreator
    public static RecoveryMethod fromId(String id) {
        RecoveryMethod m = ofIdOrNull(id);
        if (m != null) {
            return m;
        }
        throw new InvalidFieldException("method", "unknown method \"" + id + "\", expected one of "
                + String.join(", ", Arrays.stream(values()).map(RecoveryMethod::id).toList()));
    }

    /** The method of an id, or null for ids that are not a run's method (e.g. published reference rows). */
    public static RecoveryMethod ofIdOrNull(String id) {
        for (RecoveryMethod m : values()) {
            if (m.id.equals(id)) {
                return m;
            }
        }
        return null;
    }

    /** The id of {@code m}, null for null (journal records without a method). */
    public static String idOf(RecoveryMethod m) {
        return m == null ? null : m.id;
    }

    @Override
    public String toString() {
        return id;
    }
}
