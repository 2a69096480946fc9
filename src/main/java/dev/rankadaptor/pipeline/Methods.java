package dev.rankadaptor.pipeline;

import java.util.List;

/** Method names as they appear in journals, results and tables. */
public final class Methods {
    /** RankAdaptor's best measured search trial (the id of the RankAdaptor row before the model's pick existed). */
    public static final String RANKADAPTOR = "rankadaptor";
    /** RankAdaptor's R*: the configuration the converged performance model predicts best ({@code ModelPick}). */
    public static final String RANKADAPTOR_PICK = "rankadaptor_pick";
    public static final String LORA_UNIFORM = "lora_uniform";
    public static final String LORA_STAR = "lora_star";
    public static final String ADALORA = "adalora";
    public static final String RANDOM_SEARCH = "random_search";
    public static final String NO_RECOVERY = "no_recovery";

    /** Order of rows in the results table. */
    public static final List<String> ORDER = List.of(NO_RECOVERY, LORA_UNIFORM, LORA_STAR, ADALORA, RANDOM_SEARCH, RANKADAPTOR, RANKADAPTOR_PICK);

    private Methods() {
    }
}
