package dev.rankadaptor.recover;

import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.eval.DataFormat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Recovery training data before tokenization: Alpaca-format instruction rows, or plain text that
 * is cut into windows of the cutoff length. {@code source} names where it came from (messages).
 */
public record RecoveryData(List<InstructionRecord> instructions, String text, String source) {
    public RecoveryData {
        if ((instructions == null) == (text == null)) {
            throw new IllegalArgumentException("exactly one of instructions or text is required");
        }
        instructions = instructions == null ? null : List.copyOf(instructions);
        source = source == null ? "recovery data" : source;
    }

    public static RecoveryData instructions(List<InstructionRecord> rows, String source) {
        return new RecoveryData(rows, null, source);
    }

    public static RecoveryData text(String text, String source) {
        return new RecoveryData(null, text, source);
    }

    public boolean isInstructions() {
        return instructions != null;
    }

    /**
     * Reads Alpaca rows when the content is JSON, JSON Lines, Parquet or Arrow IPC (whatever the
     * extension; a .json / .jsonl file is always read as rows), else, and for any .txt file,
     * plain UTF-8 text.
     */
    public static RecoveryData read(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("recovery data file " + file + " does not exist");
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl") || (!name.endsWith(".txt") && isRows(file))) {
            return instructions(AlpacaReader.read(file), file.toString());
        }
        try {
            return text(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UserInputException("cannot read recovery text " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isRows(Path file) {
        try {
            DataFormat.detect(file);
            return true;
        } catch (UserInputException notRows) {
            return false;
        }
    }
}
