package dev.rankadaptor.recover;

import dev.rankadaptor.checkpoint.TextTokenizer;

import java.util.ArrayList;
import java.util.List;

/** A test tokenizer: one id per whitespace-separated word (ids 3..vocab-1 by hash), newline its own token. */
final class HashedWordTokenizer implements TextTokenizer {
    private final int vocab;

    HashedWordTokenizer(int vocab) {
        this.vocab = vocab;
    }

    @Override
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (!ids.isEmpty()) {
                ids.add(3);
            }
            for (String w : line.trim().split("\\s+")) {
                if (!w.isEmpty()) {
                    ids.add(4 + Math.floorMod(w.hashCode(), vocab - 4));
                }
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public String decode(int[] ids) {
        throw new UnsupportedOperationException("not needed in tests");
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public void close() {
    }
}
