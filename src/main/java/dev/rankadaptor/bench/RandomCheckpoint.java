package dev.rankadaptor.bench;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.checkpoint.LlamaConfigWriter;
import dev.rankadaptor.checkpoint.SafetensorsDtype;
import dev.rankadaptor.checkpoint.SafetensorsWriter;
import dev.rankadaptor.checkpoint.TensorNames;
import dev.rankadaptor.demo.BpeModel;
import dev.rankadaptor.demo.ByteLevel;
import dev.rankadaptor.demo.TokenizerFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Random checkpoints of a given shape for benchmarks: F16 safetensors streamed from a seeded
 * generator (finite values, |x| < 1/16, norms 1), config.json, and optionally a byte-level BPE
 * tokenizer.json of the config's vocabulary size with random (valid) merges. Written once: an
 * existing complete folder is reused.
 */
final class RandomCheckpoint {
    private static final short F16_ONE = 0x3c00;

    private RandomCheckpoint() {
    }

    /** Writes the checkpoint unless a complete one is already there; returns true when written. */
    static boolean generate(LlamaConfig config, Path folder, boolean tokenizer) {
        Map<String, long[]> shapes = TensorNames.shapes(config, config.nominalLayout());
        Path weights = folder.resolve(Checkpoint.SINGLE_FILE);
        long dataBytes = shapes.values().stream().mapToLong(s -> s[0] * (s.length > 1 ? s[1] : 1) * 2).sum();
        try {
            if (Files.isRegularFile(weights) && Files.size(weights) > dataBytes
                    && Files.isRegularFile(folder.resolve(Checkpoint.CONFIG_FILE))
                    && (!tokenizer || Files.isRegularFile(folder.resolve("tokenizer.json")))) {
                return false;
            }
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt").metadata("generator", "rankadaptor bench");
        SplittableRandom rnd = new SplittableRandom(2024);
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            boolean norm = e.getKey().endsWith("norm.weight");
            w.add(e.getKey(), SafetensorsDtype.F16, e.getValue(), out -> {
                long remaining = e.getValue()[0] * (e.getValue().length > 1 ? e.getValue()[1] : 1) * 2;
                byte[] chunk = new byte[1 << 20];
                while (remaining > 0) {
                    int n = (int) Math.min(chunk.length, remaining);
                    for (int i = 0; i < n; i += 2) {
                        int half = norm ? F16_ONE : rnd.nextInt(0x2c00) | (rnd.nextBoolean() ? 0x8000 : 0);
                        chunk[i] = (byte) half;
                        chunk[i + 1] = (byte) (half >>> 8);
                    }
                    out.write(chunk, 0, n);
                    remaining -= n;
                }
            });
        }
        if (tokenizer) {
            TokenizerFiles.write(randomBpe(config.vocabSize(), 7), folder);
        }
        LlamaConfigWriter.write(config, folder.resolve(Checkpoint.CONFIG_FILE));
        w.write(weights);
        return true;
    }

    /**
     * A byte-level BPE of exactly {@code vocab} tokens: the special tokens, the 256 byte chars, then
     * merges of two existing tokens, preferring letter tokens so that English text gets merged.
     */
    static BpeModel randomBpe(int vocab, long seed) {
        List<String> special = List.of("<unk>", "<s>", "</s>");
        List<String> tokens = new ArrayList<>(special);
        List<String> letters = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            String c = String.valueOf(ByteLevel.charOf(b));
            tokens.add(c);
            if (Character.isLetter((char) b) && b < 128) {
                letters.add(c);
            }
        }
        String space = String.valueOf(ByteLevel.charOf(' '));
        Set<String> seen = new HashSet<>(tokens);
        List<String[]> merges = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> words = new ArrayList<>(letters);
        for (String l : letters) {
            String t = space + l;
            merges.add(new String[]{space, l});
            tokens.add(t);
            seen.add(t);
            words.add(t);
        }
        while (tokens.size() < vocab) {
            String a = words.get(rnd.nextInt(words.size()));
            String b = letters.get(rnd.nextInt(letters.size()));
            String t = a + b;
            if (t.length() > 12 || !seen.add(t)) {
                continue;
            }
            merges.add(new String[]{a, b});
            tokens.add(t);
            words.add(t);
        }
        return new BpeModel(tokens, merges, special);
    }
}
