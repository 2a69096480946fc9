package dev.rankadaptor.model;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.checkpoint.TensorSource;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.compute.Engines;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds {@link LlamaModel}s: from a checkpoint's tensors (shapes checked against the layout),
 * or freshly initialised from a seed (pretraining the demo model, tests of the numerics).
 */
public final class LlamaModels {
    private LlamaModels() {
    }

    /** Loads every tensor the layout needs; norms are kept in F32, the rest in {@code dtype}. */
    public static LlamaModel load(LlamaConfig config, LayerLayout layout, TensorSource tensors, Device device, DataType dtype) {
        checkDtype(dtype);
        NDManager manager = Engines.pytorch().newBaseManager(device);
        try {
            NDArray embed = tensor(tensors, "model.embed_tokens.weight", manager, dtype,
                    config.vocabSize(), config.hiddenSize());
            List<LayerWeights> layers = new ArrayList<>();
            long h = config.hiddenSize();
            long d = config.headDim();
            for (int i = 0; i < layout.size(); i++) {
                LayerLayout.Layer l = layout.layer(i);
                Map<Projection, NDArray> lin = new EnumMap<>(Projection.class);
                for (Projection p : Projection.values()) {
                    long[] shape = expectedShape(p, l, h, d);
                    lin.put(p, tensor(tensors, p.weightName(i), manager, dtype, shape));
                }
                NDArray in = tensor(tensors, "model.layers." + i + ".input_layernorm.weight", manager, DataType.FLOAT32, h);
                NDArray post = tensor(tensors, "model.layers." + i + ".post_attention_layernorm.weight", manager, DataType.FLOAT32, h);
                layers.add(new LayerWeights(in, post, lin));
            }
            NDArray norm = tensor(tensors, "model.norm.weight", manager, DataType.FLOAT32, h);
            NDArray head;
            if (tensors.contains("lm_head.weight")) {
                head = tensor(tensors, "lm_head.weight", manager, dtype, config.vocabSize(), h);
            } else if (config.tieWordEmbeddings()) {
                head = embed;
            } else {
                throw new UserInputException("checkpoint has no lm_head.weight and config.json does not set "
                        + "tie_word_embeddings: expected one of them");
            }
            return new LlamaModel(config, layout, dtype, manager, embed, norm, head, layers);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** A randomly initialised model: Linear and embedding weights N(0, std), norms 1. */
    public static LlamaModel random(LlamaConfig config, LayerLayout layout, long seed, double std, Device device, DataType dtype) {
        checkDtype(dtype);
        Random rng = new Random(seed);
        NDManager manager = Engines.pytorch().newBaseManager(device);
        long h = config.hiddenSize();
        long d = config.headDim();
        NDArray embed = gaussian(manager, rng, std, dtype, config.vocabSize(), h);
        List<LayerWeights> layers = new ArrayList<>();
        for (int i = 0; i < layout.size(); i++) {
            Map<Projection, NDArray> lin = new EnumMap<>(Projection.class);
            for (Projection p : Projection.values()) {
                lin.put(p, gaussian(manager, rng, std, dtype, expectedShape(p, layout.layer(i), h, d)));
            }
            layers.add(new LayerWeights(manager.ones(new Shape(h)), manager.ones(new Shape(h)), lin));
        }
        NDArray head = config.tieWordEmbeddings() ? embed : gaussian(manager, rng, std, dtype, config.vocabSize(), h);
        return new LlamaModel(config, layout, dtype, manager, embed, manager.ones(new Shape(h)), head, layers);
    }

    /** [out, in] of a projection for a layer of the given widths. */
    public static long[] expectedShape(Projection p, LayerLayout.Layer l, long hidden, long headDim) {
        return switch (p) {
            case Q -> new long[]{l.heads() * headDim, hidden};
            case K, V -> new long[]{l.kvHeads() * headDim, hidden};
            case O -> new long[]{hidden, l.heads() * headDim};
            case GATE, UP -> new long[]{l.mlpWidth(), hidden};
            case DOWN -> new long[]{hidden, l.mlpWidth()};
        };
    }

    private static NDArray tensor(TensorSource src, String name, NDManager m, DataType dtype, long... shape) {
        if (!src.contains(name)) {
            throw new UserInputException("checkpoint is missing tensor " + name);
        }
        long[] actual = src.shape(name);
        if (!java.util.Arrays.equals(actual, shape)) {
            throw new UserInputException("tensor " + name + " has shape " + java.util.Arrays.toString(actual)
                    + " but the config/layout expects " + java.util.Arrays.toString(shape));
        }
        return src.load(name, m, dtype);
    }

    private static NDArray gaussian(NDManager m, Random rng, double std, DataType dtype, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        float[] data = new float[Math.toIntExact(n)];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (rng.nextGaussian() * std);
        }
        NDArray a = m.create(data, new Shape(shape));
        return dtype == DataType.FLOAT32 ? a : a.toType(dtype, false);
    }

    private static void checkDtype(DataType dtype) {
        if (dtype != DataType.FLOAT32 && dtype != DataType.FLOAT16) {
            throw new UserInputException("dtype: expected float32 or float16, was " + dtype);
        }
    }
}
