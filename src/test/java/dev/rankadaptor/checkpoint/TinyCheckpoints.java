package dev.rankadaptor.checkpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** Builds tiny random LLaMA checkpoints and hand-made safetensors files for the tests. */
final class TinyCheckpoints {
    private TinyCheckpoints() {
    }

    static LlamaConfig config(int layers, int hidden, int heads, int kvHeads, int mlp, int vocab) {
        return new LlamaConfig(hidden, mlp, heads, kvHeads, layers, vocab, hidden / heads, 1e-6, 10000.0,
                false, 128, 1, 2, "float32");
    }


    static float[] random(long n, Random rnd) {
        float[] f = new float[(int) n];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rnd.nextGaussian() * 0.05f;
        }
        return f;
    }

    /** Writes config.json and model.safetensors for the layout into folder; returns the values written. */
    static Map<String, float[]> writeFolder(Path folder, LlamaConfig c, LayerLayout layout, SafetensorsDtype dtype,
                                            long seed) {
        Random rnd = new Random(seed);
        SafetensorsWriter w = new SafetensorsWriter().metadata("format", "pt");
        Map<String, float[]> values = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : TensorNames.shapes(c, layout).entrySet()) {
            float[] v = random(TensorInfo.elementCount(e.getValue()), rnd);
            values.put(e.getKey(), v);
            w.addFloats(e.getKey(), e.getValue(), v, dtype);
        }
        LlamaConfigWriter.write(c, folder.resolve(Checkpoint.CONFIG_FILE));
        w.write(folder.resolve(Checkpoint.SINGLE_FILE));
        return values;
    }

    /** A safetensors file from a header text and raw data bytes, exactly as given. */
    static Path rawFile(Path file, String header, byte[] data) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        Files.write(file, b.array());
        return file;
    }
}
