package dev.rankadaptor.prune;

import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModelWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

/** A tiny checkpoint folder (random weights, word-level tokenizer.json) plus calibration text. */
final class TinyCheckpointFolder {
    private TinyCheckpointFolder() {
    }

    /** Writes model + a 61-word tokenizer into {@code folder}. */
    static void write(LlamaModel model, Path folder) throws IOException {
        LlamaModelWriter.write(model, folder, DataType.FLOAT32, null, Map.of());
        tokenizer(folder);
    }

    /** Writes the 61-word tokenizer.json (ids 0-60) into {@code folder}. */
    static void tokenizer(Path folder) throws IOException {
        StringBuilder vocab = new StringBuilder("\"[UNK]\": 0");
        for (int i = 1; i < 61; i++) {
            vocab.append(", \"w").append(i).append("\": ").append(i);
        }
        String json = "{\"version\": \"1.0\", \"truncation\": null, \"padding\": null, \"added_tokens\": [],"
                + " \"normalizer\": null, \"pre_tokenizer\": {\"type\": \"Whitespace\"}, \"post_processor\": null,"
                + " \"decoder\": null, \"model\": {\"type\": \"WordLevel\", \"vocab\": {" + vocab
                + "}, \"unk_token\": \"[UNK]\"}}";
        Files.writeString(folder.resolve("tokenizer.json"), json);
    }

    /** A text of {@code words} random vocabulary words. */
    static Path text(Path file, int words, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append('w').append(1 + r.nextInt(60)).append(i % 12 == 11 ? '\n' : ' ');
        }
        Files.writeString(file, sb.toString());
        return file;
    }
}
