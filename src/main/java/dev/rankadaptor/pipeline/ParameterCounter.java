package dev.rankadaptor.pipeline;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.TrainableParameters;
import dev.rankadaptor.pipeline.ProjectMapping;
import dev.rankadaptor.recover.LoraParameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trainable LoRA parameters of a run's rank vectors (count and share of uniform LoRA at the base rank) on
 * the run's pruned model, for the trials table and the final-configurations heatmap. Loaded once per run
 * folder from {@code pruned/config.json} and the tensor shapes (no weights read); null until the run has
 * a pruned model. Called off the FX thread.
 */
public final class ParameterCounter {
    private static final Map<Path, ParameterCounter> CACHE = new ConcurrentHashMap<>();
    private final LoraParameters lora;
    private final long uniform;

    private ParameterCounter(LoraParameters lora, long uniform) {
        this.lora = lora;
        this.uniform = uniform;
    }

    /**
     * The counter of a run folder, or null when it has no pruned model yet (or it cannot be read); with a null
     * snapshot only an already loaded counter is returned (cheap, safe on the FX thread).
     */
    public static ParameterCounter forRun(Path runFolder, ProjectFile snapshot) {
        if (runFolder == null) {
            return null;
        }
        Path key = runFolder.toAbsolutePath().normalize();
        ParameterCounter c = CACHE.get(key);
        if (c != null || snapshot == null) {
            return c;
        }
        Path pruned = key.resolve("pruned");
        if (!Files.isRegularFile(pruned.resolve(Checkpoint.CONFIG_FILE))) {
            return null;
        }
        try (Checkpoint ckpt = Checkpoint.open(pruned)) {
            LoraParameters lp = LoraParameters.of(ckpt.config(), ckpt.layout(), ProjectMapping.targets(snapshot.project().recovery()));
            c = new ParameterCounter(lp, lp.uniform(snapshot.project().recovery().baseRank()));
        } catch (RuntimeException e) {
            return null;
        }
        CACHE.put(key, c);
        return c;
    }

    /** Null when the vector does not have one rank per layer of the pruned model. */
    public TrainableParameters count(int[] fullRanks) {
        return fullRanks.length == lora.layers() ? new TrainableParameters(lora.count(fullRanks), uniform) : null;
    }
}
