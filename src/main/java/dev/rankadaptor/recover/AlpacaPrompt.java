package dev.rankadaptor.recover;

/**
 * The Alpaca prompt template used by alpaca-lora and LLM-Pruner's post-training: a preamble, the
 * instruction, the input when there is one, and a "### Response:" header after which the output
 * follows. Training on responses only masks everything up to and including that header.
 */
public final class AlpacaPrompt {
    static final String WITH_INPUT = "Below is an instruction that describes a task, paired with an input that provides "
            + "further context. Write a response that appropriately completes the request.\n\n"
            + "### Instruction:\n%s\n\n### Input:\n%s\n\n### Response:\n";
    static final String NO_INPUT = "Below is an instruction that describes a task. Write a response that appropriately "
            + "completes the request.\n\n### Instruction:\n%s\n\n### Response:\n";

    private AlpacaPrompt() {
    }

    /** The prompt part (everything before the output). */
    public static String prompt(InstructionRecord r) {
        return r.input().isEmpty() ? String.format(NO_INPUT, r.instruction())
                : String.format(WITH_INPUT, r.instruction(), r.input());
    }

    /** Prompt followed by the output: the text the model is trained on. */
    public static String full(InstructionRecord r) {
        return prompt(r) + r.output();
    }
}
