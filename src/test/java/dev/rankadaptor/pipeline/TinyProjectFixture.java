package dev.rankadaptor.pipeline;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.checkpoint.TextTokenizer;
import dev.rankadaptor.checkpoint.Tokenizers;
import dev.rankadaptor.experiment.EvaluationSection;
import dev.rankadaptor.experiment.Project;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.PruningSection;
import dev.rankadaptor.experiment.RecoverySection;
import dev.rankadaptor.experiment.SearchSection;
import dev.rankadaptor.experiment.SubsetSection;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModelWriter;
import dev.rankadaptor.model.LlamaModels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * A complete project on tiny settings for end-to-end tests: a random 4-layer LLaMA using the demo
 * project's real tokenizer, the demo's data files, and budgets small enough that a whole run
 * (prune, search, baselines, repeats, report) takes seconds. The model is untrained, so the tests
 * check the pipeline's behaviour (files, journal, determinism), not accuracy.
 */
public final class TinyProjectFixture {
    public static final Path DEMO = Paths.get("sample-projects/tiny-llama-demo");

    private TinyProjectFixture() {
    }

    /** Writes checkpoint + data + project.json into {@code dir}; returns the project file. */
    public static ProjectFile create(Path dir, int maxTrials, int repeats, List<String> baselines) {
        try {
            Files.createDirectories(dir.resolve("data/tasks"));
            for (String f : List.of("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json")) {
                Files.copy(DEMO.resolve(f), dir.resolve(f));
            }
            Files.copy(DEMO.resolve("data/calibration.txt"), dir.resolve("data/calibration.txt"));
            Files.copy(DEMO.resolve("data/recovery_alpaca.json"), dir.resolve("data/recovery_alpaca.json"));
            for (String t : List.of("boolq", "arc_easy")) {
                Files.copy(DEMO.resolve("data/tasks/" + t + ".jsonl"), dir.resolve("data/tasks/" + t + ".jsonl"));
            }
            int vocab;
            try (TextTokenizer tok = Tokenizers.open(dir)) {
                vocab = tok.vocabSize();
            }
            LlamaConfig c = new LlamaConfig(32, 64, 4, 2, 4, vocab, 8, 1e-5, 10000.0, false, 256, 1, 2, "float32");
            try (LlamaModel m = LlamaModels.random(c, c.nominalLayout(), 3, 0.05, Device.cpu(), DataType.FLOAT32)) {
                LlamaModelWriter.write(m, dir, DataType.FLOAT32, null, Map.of());
            }
            PruningSection pruning = new PruningSection("block", "local", 0.5, List.of(0, -1), "element1",
                    "data/calibration.txt", 2, 32, 7);
            RecoverySection recovery = new RecoverySection(RecoverySection.TARGETS, 4, "alpha_2r", 8, 0.0, 1, 4, 4, 5e-3,
                    0, 192, true, 2, "data/recovery_alpaca.json", 0);
            SearchSection search = new SearchSection(List.of(2, 4, 6), List.of(8, 8), "relu", 2, 64, 0, maxTrials,
                    1e-9, 2, 0.0, repeats, List.of(), List.of(), SearchSection.AVERAGE);
            EvaluationSection eval = new EvaluationSection(List.of("boolq", "arc_easy"), "data/tasks",
                    SubsetSection.first(6), SubsetSection.first(8));
            Project p = new Project("tiny e2e", ".", pruning, recovery, search, eval, baselines, "cpu", 11);
            return ProjectFile.write(dir.resolve("project.json"), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
