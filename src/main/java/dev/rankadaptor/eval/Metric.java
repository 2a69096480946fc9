package dev.rankadaptor.eval;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The two multiple-choice metrics of lm-evaluation-harness. Kept as an enum so that results name
 * them exactly as the harness and the papers do ("acc", "acc_norm").
 */
public enum Metric {
    /** Argmax of the summed log-likelihood of each choice. */
    ACC("acc"),
    /** Argmax of log-likelihood divided by the choice's length in characters (Unicode code points). */
    ACC_NORM("acc_norm");

    private final String id;

    Metric(String id) {
        this.id = id;
    }

    /** The harness' name of the metric. */
    @JsonValue
    public String id() {
        return id;
    }
}
