package dev.rankadaptor.cli;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LayerLayout;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.recover.ExportLayout;
import dev.rankadaptor.recover.ModelExporter;
import dev.rankadaptor.recover.PeftAdapterFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes a (pruned) checkpoint, optionally with its adapter, as a folder the Python tools load (docs/exports.md). */
@Command(name = "export", description = "Writes a checkpoint as a model folder: --format hf zero-pads every layer to uniform "
        + "widths so stock LlamaForCausalLM, PEFT and lm-eval load it; --format pruned keeps the per-layer widths.")
final class ExportCommand implements Callable<Integer> {
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|KB|MB|GB|KIB|MIB|GIB)");

    @Parameters(index = "0", description = "checkpoint folder (usually a pruned one)")
    Path checkpoint;

    @Option(names = "--format", defaultValue = "hf", description = "hf (uniform widths, zero-padded) or pruned (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--out", required = true, description = "model folder to write (new or empty)")
    Path out;

    @Option(names = "--adapter", description = "PEFT adapter folder of this checkpoint: merged into the weights, unless --adapter-out")
    Path adapter;

    @Option(names = "--adapter-out", description = "write the adapter, padded like the model, here (new or empty) instead of merging it")
    Path adapterOut;

    @Option(names = "--max-shard-size", defaultValue = "5GB", description = "largest safetensors file, e.g. 5GB, 500MB (default ${DEFAULT-VALUE})")
    String maxShardSize;

    @Override
    public Integer call() {
        ExportLayout layout = ExportLayout.parse(format);
        long shardBytes = parseSize(maxShardSize);
        try (Checkpoint ckpt = Checkpoint.open(checkpoint)) {
            PeftAdapterFolder peft = adapter == null ? null : PeftAdapterFolder.read(adapter);
            ModelExporter.Result r = ModelExporter.export(ckpt,
                    new ModelExporter.Request(layout, peft, out, adapterOut, shardBytes), CancellationToken.none());
            LlamaConfig c = r.config();
            LayerLayout.Layer first = ckpt.layout().layer(0);
            System.out.printf(Locale.ROOT, "wrote %s: %d layers, %s, %d safetensors file(s), %.1f MB%s%n", r.modelFolder(),
                    c.numHiddenLayers(), layout == ExportLayout.HF
                            ? c.numAttentionHeads() + " heads / " + c.numKeyValueHeads() + " kv heads / MLP " + c.intermediateSize()
                            + " in every layer" + (ckpt.isPruned() ? " (zero-padded; layer 0 has " + first.heads() + "/"
                            + first.kvHeads() + "/" + first.mlpWidth() + ")" : "")
                            : "per-layer widths as in the checkpoint",
                    r.shards(), r.dataBytes() / 1e6, peft == null ? "" : adapterOut == null ? ", adapter merged" : "");
            if (r.adapterFolder() != null) {
                System.out.println("wrote " + r.adapterFolder() + ": the PEFT adapter, padded to the exported model's widths");
            }
            if (!r.dropped().isEmpty()) {
                System.out.println("left out (not LLaMA weights): " + String.join(", ", r.dropped()));
            }
        }
        return 0;
    }

    /** 5GB, 500MB, 1GiB, or a byte count; decimal units as transformers' max_shard_size. */
    static long parseSize(String text) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidFieldException("--max-shard-size", "expected a size such as 5GB, 500MB or a byte count, was " + text);
        }
        long unit = switch (m.group(2)) {
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "KIB" -> 1L << 10;
            case "MIB" -> 1L << 20;
            case "GIB" -> 1L << 30;
            default -> 1L;
        };
        try {
            long v = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            if (v <= 0) {
                throw new InvalidFieldException("--max-shard-size", "must be > 0, was " + text);
            }
            return v;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new InvalidFieldException("--max-shard-size", "is too large: " + text);
        }
    }
}
