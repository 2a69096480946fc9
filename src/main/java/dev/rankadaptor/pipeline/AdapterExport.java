package dev.rankadaptor.pipeline;

import dev.rankadaptor.recover.AdapterCheck;
import dev.rankadaptor.common.FileTrees;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.AtomicFolders;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.experiment.MethodRow;
import dev.rankadaptor.experiment.ResultsTable;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.recover.ExportLayout;
import dev.rankadaptor.recover.ModelExporter;
import dev.rankadaptor.recover.PeftAdapterFolder;
import dev.rankadaptor.recover.PeftExporter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * "Export adapter (PEFT)": lists the adapters a run folder holds ({@code adapters/<method>/}, written
 * for the repeat trials), best method first by its mean score over the target tasks, and copies one
 * to a folder of the user's choice so it can be loaded with Python PEFT next to the base model.
 * The copy is all-or-nothing: the adapter is checked ({@link AdapterCheck}), copied into a hidden
 * temporary sibling of the target, fsynced, checked again and renamed into place, so a crash or a
 * full disk never leaves a half adapter under the target's name. A non-empty target is refused.
 * No JavaFX here: the Results panel runs this through its executor.
 */
public final class AdapterExport {
    private AdapterExport() {
    }

    /**
     * An adapter a run holds.
     *
     * @param method    method id (the adapter's folder name), e.g. "rankadaptor"
     * @param label     display name, e.g. "RankAdaptor"
     * @param meanScore mean over repeats of the method's average target score; NaN when the results lack it
     * @param folder    the adapter folder inside the run
     */
    public record Candidate(String method, String label, double meanScore, Path folder) {
        @Override
        public String toString() {
            return Double.isNaN(meanScore) ? label : label + String.format(java.util.Locale.ROOT, " (mean %.4f)", meanScore);
        }
    }

    /**
     * The adapters of {@code runFolder}, best first (highest mean score; adapters with no score last,
     * by name). {@code results} may be null (no scores known). Empty when the run has no adapters.
     */
    public static List<Candidate> candidates(Path runFolder, ResultsTable results) {
        Path adapters = runFolder.resolve(RunDirectory.ADAPTERS);
        if (!Files.isDirectory(adapters)) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(adapters)) {
            for (Path p : s.filter(Files::isDirectory).sorted().toList()) {
                String method = p.getFileName().toString();
                if (method.startsWith(".")) {
                    continue;
                }
                MethodRow row = results == null ? null : results.measuredRows().stream()
                        .filter(m -> m.method().equals(method)).findFirst().orElse(null);
                out.add(new Candidate(method, row != null ? row.label() : MethodRow.defaultLabel(method),
                        row != null ? row.average().mean() : Double.NaN, p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + adapters + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing((Candidate c) -> Double.isNaN(c.meanScore()))
                .thenComparing(Comparator.comparingDouble(Candidate::meanScore).reversed())
                .thenComparing(Candidate::method));
        return out;
    }

    /** The best adapter of a run (see {@link #candidates}), if it has any. */
    public static Optional<Candidate> best(Path runFolder, ResultsTable results) {
        return candidates(runFolder, results).stream().findFirst();
    }

    /**
     * Copies the adapter folder {@code source} to {@code target} atomically (see the class comment).
     * {@code target} must not exist or be an empty folder.
     *
     * @return the check of the copy as written
     * @throws UserInputException naming the file when the adapter is invalid or the target is not empty
     */
    public static AdapterCheck.Summary export(Path source, Path target, CancellationToken token) {
        AdapterCheck.check(source);
        Path to = target.toAbsolutePath().normalize();
        AtomicFolders.requireNewOrEmpty(to, "the adapter");
        Path tmp = AtomicFolders.tempBeside(to);
        try {
            List<Path> files;
            try (Stream<Path> s = Files.list(source)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                token.throwIfCancelled();
                Files.copy(f, tmp.resolve(f.getFileName().toString()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            AdapterCheck.Summary summary = AdapterCheck.check(tmp);
            token.throwIfCancelled();
            AtomicFolders.publish(tmp, to);
            return new AdapterCheck.Summary(to, summary.rank(), summary.modules(), summary.targets(), summary.weightsBytes());
        } catch (IOException e) {
            throw new UserInputException("could not export the adapter to " + to + ": " + e, e);
        } finally {
            FileTrees.deleteTree(tmp);
        }
    }

    /** Which files an adapter export writes. */
    public enum Form {
        /** The adapter as trained: for the run's pruned model (per-layer widths). */
        PRUNED_ADAPTER("adapter for the pruned model"),
        /** The run's pruned model zero-padded to uniform widths plus the adapter padded alike: stock transformers + PEFT. */
        HF_PAIR("padded HF pair (model + adapter)");

        private final String label;

        Form(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** What {@link #exportHfPair} wrote: {@code <folder>/model} and {@code <folder>/adapter}. */
    public record Pair(Path folder, Path model, Path adapter, int heads, int kvHeads, int mlpWidth, int modules) {
    }

    /** Sub-folder of an HF pair holding the padded model. */
    public static final String PAIR_MODEL = "model";
    /** Sub-folder of an HF pair holding the padded adapter. */
    public static final String PAIR_ADAPTER = "adapter";

    /**
     * Writes the run's pruned model zero-padded to uniform widths ({@code target/model}, a plain
     * LlamaForCausalLM folder) and the adapter {@code source} padded the same way
     * ({@code target/adapter}), all at once: into a hidden sibling first, renamed when complete.
     * {@code target} must not exist or be an empty folder.
     */
    public static Pair exportHfPair(Path runFolder, Path source, Path target, CancellationToken token) {
        AdapterCheck.check(source);
        Path pruned = runFolder.resolve(RunDirectory.PRUNED);
        if (!Files.isDirectory(pruned)) {
            throw new UserInputException("run " + runFolder + " has no pruned model (" + pruned
                    + " is missing), so there is no base to pad the adapter for");
        }
        Path to = target.toAbsolutePath().normalize();
        AtomicFolders.requireNewOrEmpty(to, "the model and adapter");
        Path tmp = AtomicFolders.tempBeside(to);
        try (Checkpoint ckpt = Checkpoint.open(pruned)) {
            PeftAdapterFolder peft = PeftAdapterFolder.read(source);
            ModelExporter.Result r = ModelExporter.export(ckpt, new ModelExporter.Request(ExportLayout.HF, peft,
                    tmp.resolve(PAIR_MODEL), tmp.resolve(PAIR_ADAPTER), ModelExporter.DEFAULT_SHARD_BYTES), token);
            // the adapter names its base by path: point it at where the model will be, not at the temporary folder
            Path config = tmp.resolve(PAIR_ADAPTER).resolve(PeftExporter.CONFIG_FILE);
            com.fasterxml.jackson.databind.node.ObjectNode json =
                    (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(config.toFile());
            json.put("base_model_name_or_path", to.resolve(PAIR_MODEL).toString());
            AtomicFiles.writeString(config, json.toPrettyString() + "\n");
            AdapterCheck.Summary check = AdapterCheck.check(tmp.resolve(PAIR_ADAPTER));
            token.throwIfCancelled();
            AtomicFolders.publish(tmp, to);
            return new Pair(to, to.resolve(PAIR_MODEL), to.resolve(PAIR_ADAPTER), r.config().numAttentionHeads(),
                    r.config().numKeyValueHeads(), r.config().intermediateSize(), check.modules());
        } catch (IOException e) {
            throw new UserInputException("could not export the model and adapter to " + to + ": " + e, e);
        } finally {
            FileTrees.deleteTree(tmp);
        }
    }
}
