package dev.rankadaptor.train;

import dev.rankadaptor.common.Check;

/**
 * Architecture and schedule for pretraining a small LLaMA from scratch on a local corpus (the
 * bundled demo model). Defaults give ~2M parameters that learn the demo corpus on 2 CPU cores.
 */
public record PretrainConfig(int layers, int hidden, int heads, int kvHeads, int mlpWidth, int seqLength,
                             int batchSize, int microBatchSize, double learningRate, int epochs, int maxSteps,
                             double maxMinutes, long seed) {
    public PretrainConfig {
        Check.positive("layers", layers);
        Check.positive("hidden", hidden);
        Check.positive("heads", heads);
        Check.positive("kv_heads", kvHeads);
        Check.positive("mlp_width", mlpWidth);
        Check.inRange("seq_length", seqLength, 8, 8192);
        Check.positive("batch_size", batchSize);
        Check.positive("micro_batch_size", microBatchSize);
        Check.positive("learning_rate", learningRate);
        Check.positive("epochs", epochs);
        Check.nonNegative("max_steps", maxSteps);
        Check.inRange("max_minutes", maxMinutes, 0.0, 1e6);
        if (hidden % heads != 0) {
            throw new dev.rankadaptor.common.InvalidFieldException("heads", "must divide hidden (" + hidden + "), was " + heads);
        }
        if (heads % kvHeads != 0) {
            throw new dev.rankadaptor.common.InvalidFieldException("kv_heads", "must divide heads (" + heads + "), was " + kvHeads);
        }
    }

    /** The demo model: 8 layers, hidden 128, 4 heads with 2 KV heads (GQA), MLP 352, 128-token windows. */
    public static PretrainConfig demo() {
        return new PretrainConfig(8, 128, 4, 2, 352, 128, 16, 16, 3e-3, 4, 0, 15, 1234);
    }
}
