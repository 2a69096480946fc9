package dev.rankadaptor.recover;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.Locale;

/** The layer widths an exported model folder has. */
public enum ExportLayout {
    /** Every layer zero-padded to one width: stock LlamaForCausalLM (transformers, PEFT, lm-eval) loads it as is. */
    HF,
    /** The pruned per-layer widths as they are, with layout.json: what this workbench reads. */
    PRUNED;

    /** Parses hf / pruned (the CLI's --format). */
    public static ExportLayout parse(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "hf" -> HF;
            case "pruned" -> PRUNED;
            default -> throw new InvalidFieldException("--format", "expected hf or pruned, was " + s);
        };
    }
}
