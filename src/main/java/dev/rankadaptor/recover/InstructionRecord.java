package dev.rankadaptor.recover;

/** One Alpaca-format row: instruction, optional input (empty string when absent), output. */
public record InstructionRecord(String instruction, String input, String output) {
    public InstructionRecord {
        if (instruction == null || output == null) {
            throw new IllegalArgumentException("instruction and output are required");
        }
        input = input == null ? "" : input;
    }
}
