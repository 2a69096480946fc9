package dev.rankadaptor.cli;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LlamaConfig;

/** One-paragraph description of a checkpoint shared by the CLI commands. */
final class CheckpointDescription {
    private CheckpointDescription() {
    }

    static String describe(Checkpoint ckpt) {
        LlamaConfig c = ckpt.config();
        return String.format("checkpoint %s%n  layers %d, hidden %d, heads %d (kv %d), head_dim %d, MLP %d, vocab %d, "
                        + "rope_theta %.0f, tied embeddings %s%n  %s, parameters %,d, stored dtype %s, %,d bytes on disk",
                ckpt.folder(), c.numHiddenLayers(), c.hiddenSize(), c.numAttentionHeads(), c.numKeyValueHeads(),
                c.headDim(), c.intermediateSize(), c.vocabSize(), c.ropeTheta(), c.tieWordEmbeddings(),
                ckpt.isPruned() ? "pruned (per-layer widths from layout.json)" : "unpruned",
                ckpt.parameterCount(), ckpt.dominantDtype(), ckpt.totalBytes());
    }
}
