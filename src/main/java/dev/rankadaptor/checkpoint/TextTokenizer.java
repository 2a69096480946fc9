package dev.rankadaptor.checkpoint;

/**
 * Text to token ids and back, with no special tokens added and no truncation or padding unless
 * the caller asks: evaluation scores exact spans and must see every token.
 */
public interface TextTokenizer extends AutoCloseable {
    int[] encode(String text);

    String decode(int[] ids);

    int vocabSize();

    @Override
    void close();
}
