package dev.rankadaptor.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.compute.DeviceChoice;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.model.MemoryEstimate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checkpoint load speed against the disk: generates a >= 1 GB F16 LLaMA-shaped checkpoint (hidden
 * 2048, 8 layers, random finite weights), then times, in the same run and page-cache state, reading
 * the file sequentially with a FileChannel and loading every tensor as an NDArray. Each is run twice
 * and the second run reported, so both see a warm cache. An F16 load maps the tensor, faults every
 * page in (the data is resident when load returns) and wraps it without a copy: that is the headline.
 * For context it also reports F32 loads (every value widened by the engine into new memory) and F16
 * loads followed by one engine copy of each tensor (dominated by allocating fresh memory).
 */
public final class CheckpointLoadBench {
    static final LlamaConfig CONFIG = new LlamaConfig(2048, 5632, 16, 16, 8, 32000, 128, 1e-6, 10000.0,
            false, 2048, 1, 2, "float16");

    private CheckpointLoadBench() {
    }

    public static String run(Path workDir) {
        List<String> lines = new ArrayList<>();
        Path folder = workDir.resolve("bench-checkpoint-f16");
        long t0 = System.nanoTime();
        boolean generated = generate(folder);
        double genSeconds = (System.nanoTime() - t0) / 1e9;
        try (Checkpoint ckpt = Checkpoint.open(folder); NDManager manager = Engines.newManager(DeviceChoice.cpu())) {
            Path file = folder.resolve(Checkpoint.SINGLE_FILE);
            long bytes = Files.size(file);
            lines.add(String.format(Locale.ROOT, "checkpoint load: %s, %d tensors, %s (%s), %s",
                    folder, ckpt.tensors().names().size(), MemoryEstimate.human(bytes),
                    ckpt.dtypeSummary(), generated ? String.format(Locale.ROOT, "generated in %.1f s", genSeconds) : "reused"));
            double read = 0;
            double f16 = 0;
            double copied = 0;
            double asF32 = 0;
            for (int round = 0; round < 2; round++) { // second round reported: same warm cache for all
                read = sequentialRead(file);
                f16 = load(ckpt, manager, DataType.FLOAT16, false);
                asF32 = load(ckpt, manager, DataType.FLOAT32, false);
                copied = load(ckpt, manager, DataType.FLOAT16, true);
            }
            lines.add(line("sequential FileChannel read (8 MB buffer)", read, bytes));
            lines.add(line("load all as F16 NDArrays (mapped, paged in)", f16, bytes));
            lines.add(line("load all as F32 NDArrays (F16 widened)", asF32, bytes));
            lines.add(line("load all as F16 + one engine copy each", copied, bytes));
            lines.add(String.format(Locale.ROOT, "ratio F16 load / sequential read = %.2f (target <= 1.5); "
                    + "F32 load ratio %.2f; F16 load + copy ratio %.2f (warm page cache, second of two runs)",
                    f16 / read, asF32 / read, copied / read));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return String.join(System.lineSeparator(), lines);
    }

    private static String line(String what, double seconds, long bytes) {
        return String.format(Locale.ROOT, "  %-46s %8.3f s  %7.2f GB/s", what, seconds, bytes / seconds / 1e9);
    }

    private static double sequentialRead(Path file) throws IOException {
        long start = System.nanoTime();
        ByteBuffer buf = ByteBuffer.allocateDirect(8 << 20);
        long sum = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                sum += buf.get(buf.limit() > 0 ? buf.limit() - 1 : 0);
                buf.clear();
            }
        }
        double s = (System.nanoTime() - start) / 1e9;
        if (sum == 42) {
            System.out.print(""); // keeps the reads observable
        }
        return s;
    }

    private static double load(Checkpoint ckpt, NDManager manager, DataType type, boolean touch) {
        long start = System.nanoTime();
        for (String name : ckpt.tensors().names()) {
            try (NDManager step = manager.newSubManager()) {
                NDArray a = ckpt.tensors().load(name, step, type);
                if (touch) {
                    a.duplicate();
                }
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Writes the checkpoint unless an identical one is already there; returns true when written. */
    static boolean generate(Path folder) {
        return RandomCheckpoint.generate(CONFIG, folder, false);
    }

    /** Runs the benchmark in the given folder (default: a temp folder). */
    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("rankadaptor-bench");
        System.out.println(run(dir));
    }
}
