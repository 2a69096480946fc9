package dev.rankadaptor.model;

/** The seven Linear projections of a LLaMA decoder layer, with their Hugging Face module names. */
public enum Projection {
    Q("self_attn.q_proj"), K("self_attn.k_proj"), V("self_attn.v_proj"), O("self_attn.o_proj"),
    GATE("mlp.gate_proj"), UP("mlp.up_proj"), DOWN("mlp.down_proj");

    private final String suffix;

    Projection(String suffix) {
        this.suffix = suffix;
    }

    /** Short name used in configs and PEFT target_modules: q_proj, ..., down_proj. */
    public String shortName() {
        return suffix.substring(suffix.indexOf('.') + 1);
    }

    /** Full module name, e.g. model.layers.5.self_attn.q_proj (PEFT rank_pattern keys). */
    public String moduleName(int layer) {
        return "model.layers." + layer + "." + suffix;
    }

    /** Tensor name of the weight in a checkpoint. */
    public String weightName(int layer) {
        return moduleName(layer) + ".weight";
    }

    /** Parses q, q_proj, gate, gate_proj, ... */
    public static Projection parse(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith("_proj")) {
            t = t.substring(0, t.length() - 5);
        }
        for (Projection p : values()) {
            if (p.shortName().startsWith(t + "_")) {
                return p;
            }
        }
        throw new dev.rankadaptor.common.InvalidFieldException("target_modules",
                "expected q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj or down_proj, was " + s);
    }
}
