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
import dev.rankadaptor.recover.LoraConfig;
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
 * trained a few steps so B is not zero) and continuation log-likelihoods, all from our code.
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
        AtomicFiles.writeString(out.resolve("expected.json"), root.toPrettyString());
        System.out.println("wrote " + out.toAbsolutePath());
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
