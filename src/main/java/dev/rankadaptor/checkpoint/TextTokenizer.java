package dev.rankadaptor.checkpoint;

import java.util.OptionalInt;

/**
 * Text to token ids and back, with no special tokens added and no truncation or padding unless
 * the caller asks: evaluation scores exact spans and must see every token.
 */
public interface TextTokenizer extends AutoCloseable {
    int[] encode(String text);

    String decode(int[] ids);

    int vocabSize();

    /** Id of the beginning-of-sequence token when the tokenizer defines one. */
    default OptionalInt bosId() {
        return OptionalInt.empty();
    }

    /** Id of the end-of-sequence token when the tokenizer defines one. */
    default OptionalInt eosId() {
        return OptionalInt.empty();
    }

    @Override
    void close();
}
