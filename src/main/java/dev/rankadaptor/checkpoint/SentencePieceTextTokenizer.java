package dev.rankadaptor.checkpoint;

import ai.djl.sentencepiece.SpProcessor;
import ai.djl.sentencepiece.SpTokenizer;
import ai.djl.sentencepiece.SpVocabulary;
import dev.rankadaptor.common.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * A SentencePiece tokenizer.model (the original LLaMA / Vicuna tokenizer) through DJL's
 * sentencepiece binding, which ships its native library. SentencePiece's encode adds no bos/eos,
 * matching {@link TextTokenizer}'s contract; bos/eos ids come from the model's &lt;s&gt; and &lt;/s&gt; pieces.
 */
public final class SentencePieceTextTokenizer implements TextTokenizer {
    private final SpTokenizer tokenizer;
    private final SpProcessor processor;
    private final int vocabSize;
    private final OptionalInt bos;
    private final OptionalInt eos;

    private SentencePieceTextTokenizer(SpTokenizer tokenizer) {
        this.tokenizer = tokenizer;
        this.processor = tokenizer.getProcessor();
        this.vocabSize = Math.toIntExact(SpVocabulary.from(tokenizer).size());
        this.bos = piece("<s>");
        this.eos = piece("</s>");
    }

    public static SentencePieceTextTokenizer open(Path modelFile) {
        if (!Files.isRegularFile(modelFile)) {
            throw new UserInputException("SentencePiece model " + modelFile + " does not exist");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(modelFile);
        } catch (java.io.IOException e) {
            throw new UserInputException("cannot read SentencePiece model " + modelFile + ": " + e.getMessage(), e);
        }
        if (bytes.length == 0) {
            throw new UserInputException("SentencePiece model " + modelFile + " is empty");
        }
        SpTokenizer tok;
        try {
            tok = new SpTokenizer(bytes);
        } catch (RuntimeException e) {
            throw new UserInputException("SentencePiece model " + modelFile + " could not be loaded (corrupt or not a "
                    + "SentencePiece model): " + e.getMessage(), e);
        }
        try {
            return new SentencePieceTextTokenizer(tok);
        } catch (RuntimeException e) {
            tok.close();
            throw new UserInputException("SentencePiece model " + modelFile + " is unusable: " + e.getMessage(), e);
        }
    }

    private OptionalInt piece(String piece) {
        int id = processor.getId(piece);
        return id >= 0 && piece.equals(processor.getToken(id)) ? OptionalInt.of(id) : OptionalInt.empty();
    }

    @Override
    public int[] encode(String text) {
        return processor.encode(text);
    }

    @Override
    public String decode(int[] ids) {
        return processor.decode(ids);
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public OptionalInt bosId() {
        return bos;
    }

    @Override
    public OptionalInt eosId() {
        return eos;
    }

    @Override
    public void close() {
        tokenizer.close();
    }
}
