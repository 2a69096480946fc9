package dev.rankadaptor.eval;

import dev.rankadaptor.checkpoint.TextTokenizer;

/** Test tokenizer: one token per Unicode code point, id = code point. */
final class CharTokenizer implements TextTokenizer {
    @Override
    public int[] encode(String text) {
        return text.codePoints().toArray();
    }

    @Override
    public String decode(int[] ids) {
        return new String(ids, 0, ids.length);
    }

    @Override
    public int vocabSize() {
        return 0x110000;
    }

    @Override
    public void close() {
    }
}
