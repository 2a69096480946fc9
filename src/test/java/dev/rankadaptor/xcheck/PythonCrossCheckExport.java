package dev.rankadaptor.xcheck;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.TextTokenizer;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.model.LlamaScorer;
import dev.rankadaptor.model.ModelStep;
import dev.rankadaptor.prune.PruneJob;
import dev.rankadaptor.prune.PruningConfig;
import dev.rankadaptor.recover.ExportLayout;
import dev.rankadaptor.recover.LoraConfig;
import dev.rankadaptor.recover.ModelExporter;
import dev.rankadaptor.recover.PeftAdapterFolder;
import dev.rankadaptor.recover.PeftExporter;
import dev.rankadaptor.recover.Recoverer;
import dev.rankadaptor.recover.Recovery;
import dev.rankadaptor.recover.RecoveryConfig;
import dev.rankadaptor.recover.RecoveryData;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * Writes what tools/xcheck_transformers.py compares against Python transformers + PEFT: token ids
 * of sample texts, base logits, LoRA-adapted logits (a PEFT adapter with uneven per-layer ranks,
 * trained a few steps so B is not zero) and continuation log-likelihoods, all from our code; and
 * the padded HF pair of a block-pruned demo with its adapter, with the pruned model's logits.
 * Run: java -cp target/test-classes:target/classes:DEPS dev.rankadaptor.xcheck.PythonCrossCheckExport OUT_DIR
 */
public final class PythonCrossCheckExport {
    static final List<String> TEXTS = List.of("The fox is red and lives in the forest.",
            "Question: What color is the owl?\nAnswer:", "When it rains, the ground gets wet. Glass breaks when dropped.");

    public static void main(String[] args) throws Exception {
        Path demo = Paths.get("sample-projects/tiny-llama-demo");
        Path out = Paths.get(args[0]);
        ObjectNode root = Json.mapper().createObjectNode();
        try (Checkpoint ckpt = Checkpoint.open(demo);
             LlamaModel m = LlamaModels.load(ckpt.config(), ckpt.layout(), ckpt.tensors(), Device.cpu(), DataType.FLOAT32)) {
            TextTokenizer tok = ckpt.tokenizer();
            ArrayNode samples = root.putArray("samples");
            for (String t : TEXTS) {
                int[] ids = prepend(1, tok.encode(t));
                ObjectNode s = samples.addObject();
                s.put("text", t);
                ArrayNode a = s.putArray("ids");
                for (int id : ids) {
                    a.add(id);
                }
                s.set("base_logits_last", floats(lastLogits(m, ids)));
                ObjectNode ll = s.putObject("loglik");
                int[] ctx = java.util.Arrays.copyOf(ids, ids.length - 3);
                int[] cont = java.util.Arrays.copyOfRange(ids, ids.length - 3, ids.length);
                ll.put("context_len", ctx.length);
                ll.put("value", new LlamaScorer(m).score(ctx, cont).logLikelihood());
            }
            int[] ranks = {2, 4, 6, 8, 10, 12, 4, 2};
            LoraConfig lora = new LoraConfig(LoraConfig.allTargets(), ranks, dev.rankadaptor.recover.AlphaRule.ALPHA_2R, 16, 0.0, 7);
            RecoveryConfig rc = RecoveryConfig.demo().withMaxSteps(5);
            try (Recovery rec = Recoverer.recover(m, tok, RecoveryData.read(demo.resolve("data/recovery_alpaca.json")), lora, rc,
                    null, CancellationToken.none())) {
                PeftExporter.export(rec.adapters(), 0.0, demo.toAbsolutePath().toString(), out.resolve("adapter"));
                for (int i = 0; i < TEXTS.size(); i++) {
                    int[] ids = prepend(1, tok.encode(TEXTS.get(i)));
                    ((ObjectNode) samples.get(i)).set("lora_logits_last", floats(lastLogits(m, ids)));
                }
            }
        }
        root.set("padded", paddedPair(demo, out));
        AtomicFiles.writeString(out.resolve("expected.json"), root.toPrettyString());
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /**
     * The demo block-pruned at local ratio 0.5 (layers 1-6: 1 of 2 kv heads, MLP 176 of 352), a LoRA
     * adapter with uneven ranks trained 5 steps on it, and the padded HF pair of both
     * (padded/model + padded/adapter), with our last-position logits of the pruned model without
     * and with the adapter: transformers + PEFT on the padded pair must reproduce them.
     */
    static ObjectNode paddedPair(Path demo, Path out) throws Exception {
        Path pruned = out.resolve("pruned");
        PruneJob.run(demo, pruned, PruningConfig.blockLocal(0.5, demo.resolve("data/calibration.txt"))
                        .withProtectedLayers(java.util.Set.of(0, 7)).withCalibration(demo.resolve("data/calibration.txt"), 4, 32, 42),
                Device.cpu(), true, dev.rankadaptor.prune.PruneListener.none(), CancellationToken.none());
        ObjectNode node = Json.mapper().createObjectNode();
        ArrayNode samples = node.putArray("samples");
        try (Checkpoint ckpt = Checkpoint.open(pruned);
             LlamaModel m = LlamaModels.load(ckpt.config(), ckpt.layout(), ckpt.tensors(), Device.cpu(), DataType.FLOAT32)) {
            TextTokenizer tok = ckpt.tokenizer();
            for (String t : TEXTS) {
                int[] ids = prepend(1, tok.encode(t));
                ObjectNode s = samples.addObject();
                ArrayNode a = s.putArray("ids");
                for (int id : ids) {
                    a.add(id);
                }
                s.set("pruned_logits_last", floats(lastLogits(m, ids)));
            }
            int[] ranks = {2, 4, 6, 8, 10, 12, 4, 2};
            LoraConfig lora = new LoraConfig(LoraConfig.allTargets(), ranks, dev.rankadaptor.recover.AlphaRule.ALPHA_2R, 16, 0.0, 7);
            try (Recovery rec = Recoverer.recover(m, tok, RecoveryData.read(demo.resolve("data/recovery_alpaca.json")), lora,
                    RecoveryConfig.demo().withMaxSteps(5), null, CancellationToken.none())) {
                PeftExporter.export(rec.adapters(), 0.0, pruned.toAbsolutePath().toString(), out.resolve("pruned-adapter"));
                for (int i = 0; i < TEXTS.size(); i++) {
                    int[] ids = prepend(1, tok.encode(TEXTS.get(i)));
                    ((ObjectNode) samples.get(i)).set("pruned_lora_logits_last", floats(lastLogits(m, ids)));
                }
            }
            ModelExporter.Result r = ModelExporter.export(ckpt, new ModelExporter.Request(ExportLayout.HF,
                    PeftAdapterFolder.read(out.resolve("pruned-adapter")), out.resolve("padded/model"), out.resolve("padded/adapter"),
                    ModelExporter.DEFAULT_SHARD_BYTES), CancellationToken.none());
            node.put("num_attention_heads", r.config().numAttentionHeads());
            node.put("num_key_value_heads", r.config().numKeyValueHeads());
            node.put("intermediate_size", r.config().intermediateSize());
        }
        return node;
    }

    static float[] lastLogits(LlamaModel m, int[] ids) {
        try (ModelStep s = m.newStep()) {
            long[] l = new long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                l[i] = ids[i];
            }
            NDArray logits = m.forward(s.manager().create(l, new Shape(1, ids.length)), null, false);
            return logits.get("0, -1").toFloatArray();
        }
    }

    static ArrayNode floats(float[] f) {
        ArrayNode a = Json.mapper().createArrayNode();
        for (float v : f) {
            a.add(v);
        }
        return a;
    }

    static int[] prepend(int first, int[] rest) {
        int[] out = new int[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }
}
