package dev.rankadaptor.checkpoint;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the per-layer widths from the tensors' shapes and checks every tensor of the model
 * against them and against config.json. Structured pruning leaves config.json's nominal widths in
 * place (or rewrites only some of them), so the shapes are the truth; a checkpoint whose tensors
 * contradict each other is refused here with the tensor, expected and actual shape named.
 */
public final class LayoutReader {
    private static final Pattern LAYER = Pattern.compile("^model\\.layers\\.(\\d+)\\.");

    private LayoutReader() {
    }

    /**
     * Reads the layout; {@code source} names the checkpoint in messages. Requires every tensor of an
     * HF LLaMA model (lm_head only when embeddings are not tied).
     */
    public static LayerLayout read(LlamaConfig config, TensorSource tensors, String source) {
        long h = config.hiddenSize();
        long d = config.headDim();
        long v = config.vocabSize();
        expect(tensors, source, TensorNames.EMBED, v, h);
        expect(tensors, source, TensorNames.FINAL_NORM, h);
        if (!config.tieWordEmbeddings() || tensors.contains(TensorNames.LM_HEAD)) {
            expect(tensors, source, TensorNames.LM_HEAD, v, h);
        }
        checkNoExtraLayers(config, tensors, source);
        List<LayerLayout.Layer> layers = new ArrayList<>();
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            long qRows = rows(tensors, source, TensorNames.q(i), h);
            long kRows = rows(tensors, source, TensorNames.k(i), h);
            int heads = heads(source, TensorNames.q(i), qRows, d);
            int kvHeads = heads(source, TensorNames.k(i), kRows, d);
            expect(tensors, source, TensorNames.v(i), kRows, h);
            expect(tensors, source, TensorNames.o(i), h, qRows);
            long mlp = rows(tensors, source, TensorNames.gate(i), h);
            expect(tensors, source, TensorNames.up(i), mlp, h);
            expect(tensors, source, TensorNames.down(i), h, mlp);
            expect(tensors, source, TensorNames.inputNorm(i), h);
            expect(tensors, source, TensorNames.postAttentionNorm(i), h);
            if (mlp > Integer.MAX_VALUE) {
                throw new UserInputException(source + ": " + TensorNames.gate(i) + " has " + mlp + " rows, too many");
            }
            try {
                layers.add(new LayerLayout.Layer(heads, kvHeads, (int) mlp));
            } catch (InvalidFieldException e) {
                throw new UserInputException(source + ": layer " + i + " has " + heads + " query heads and " + kvHeads
                        + " key/value heads (" + TensorNames.q(i) + ", " + TensorNames.k(i) + "): " + e.getMessage(), e);
            }
        }
        return new LayerLayout(layers);
    }

    private static void checkNoExtraLayers(LlamaConfig config, TensorSource tensors, String source) {
        for (String name : tensors.names()) {
            Matcher m = LAYER.matcher(name);
            if (m.find()) {
                long index = Long.parseLong(m.group(1));
                if (index >= config.numHiddenLayers()) {
                    throw new UserInputException(source + ": tensor " + name + " belongs to layer " + index
                            + " but config.json says num_hidden_layers = " + config.numHiddenLayers());
                }
            }
        }
    }

    private static int heads(String source, String name, long rows, long headDim) {
        if (rows % headDim != 0 || rows / headDim > Integer.MAX_VALUE) {
            throw new UserInputException(source + ": tensor " + name + " has " + rows
                    + " rows, not a multiple of head_dim " + headDim);
        }
        return (int) (rows / headDim);
    }

    /** Checks a [rows, cols] matrix with the given column count and returns its rows. */
    private static long rows(TensorSource tensors, String source, String name, long cols) {
        long[] s = require(tensors, source, name);
        if (s.length != 2 || s[1] != cols || s[0] <= 0) {
            throw new UserInputException(source + ": tensor " + name + " has shape " + Arrays.toString(s)
                    + ", expected [n, " + cols + "] with n > 0");
        }
        return s[0];
    }

    private static void expect(TensorSource tensors, String source, String name, long... shape) {
        long[] s = require(tensors, source, name);
        if (!Arrays.equals(s, shape)) {
            throw new UserInputException(source + ": tensor " + name + " has shape " + Arrays.toString(s)
                    + ", expected " + Arrays.toString(shape));
        }
    }

    private static long[] require(TensorSource tensors, String source, String name) {
        if (!tensors.contains(name)) {
            throw new UserInputException(source + ": missing tensor " + name);
        }
        return tensors.shape(name);
    }
}
