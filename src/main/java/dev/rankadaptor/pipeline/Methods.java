package dev.rankadaptor.pipeline;

import java.util.List;

/** Method names as they appear in journals, results and tables. */
public final class Methods {
    public static final String RANKADAPTOR = "rankadaptor";
    public static final String LORA_UNIFORM = "lora_uniform";
    public static final String LORA_STAR = "lora_star";
    public static final String ADALORA = "adalora";
    public static final String RANDOM_SEARCH = "random_search";
    public static final String NO_RECOVERY = "no_recovery";

    /** Order of rows in the results table. */
    public static final List<String> ORDER = List.of(NO_RECOVERY, LORA_UNIFORM, LORA_STAR, ADALORA, RANDOM_SEARCH, RANKADAPTOR);

    private Methods() {
    }
}
