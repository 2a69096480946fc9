package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Picks the tokenizer a checkpoint folder ships: tokenizer.json (fast tokenizer, preferred because
 * it carries the exact pre-tokenization transformers uses) else the SentencePiece tokenizer.model.
 */
public final class Tokenizers {
    public static final String HF_FILE = "tokenizer.json";
    public static final String SENTENCEPIECE_FILE = "tokenizer.model";

    private Tokenizers() {
    }

    public static boolean present(Path folder) {
        return Files.isRegularFile(folder.resolve(HF_FILE)) || Files.isRegularFile(folder.resolve(SENTENCEPIECE_FILE));
    }

    public static TextTokenizer open(Path folder) {
        Path json = folder.resolve(HF_FILE);
        if (Files.isRegularFile(json)) {
            return HfTokenizer.open(json);
        }
        Path sp = folder.resolve(SENTENCEPIECE_FILE);
        if (Files.isRegularFile(sp)) {
            return SentencePieceTextTokenizer.open(sp);
        }
        throw new UserInputException("no tokenizer in " + folder + ": expected " + HF_FILE + " or " + SENTENCEPIECE_FILE);
    }
}
