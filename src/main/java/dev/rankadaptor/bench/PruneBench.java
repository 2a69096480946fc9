package dev.rankadaptor.bench;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModelWriter;
import dev.rankadaptor.model.LlamaModels;
import dev.rankadaptor.prune.DepthCriterion;
import dev.rankadaptor.prune.PruneJob;
import dev.rankadaptor.prune.PruneListener;
import dev.rankadaptor.prune.PruneOutcome;
import dev.rankadaptor.prune.PrunePhase;
import dev.rankadaptor.prune.PruningConfig;
import dev.rankadaptor.prune.PruningMethod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Pruning cost: wall time per phase and peak memory of a whole {@link PruneJob} (load, Taylor
 * importance on 10 x 64-token windows, pruning, writing), for a generated hidden-512 x 8-layer model
 * and for the demo model when its folder exists. Memory is the growth of the process's peak
 * resident set (VmHWM, reset before each run through /proc/self/clear_refs; it includes native
 * tensor memory, the JVM heap and touched pages of the memory-mapped source file) and the peak of
 * used Java heap (sampled every 2 ms), each divided by the model's F32 size in memory.
 */
public final class PruneBench {
    static final Path DEMO = Path.of("sample-projects", "tiny-llama-demo");

    private PruneBench() {
    }

    public static String run(Path workDir) {
        StringBuilder out = new StringBuilder();
        try {
            Path dir = Files.createDirectories(workDir.resolve("prune-bench"));
            Path base = dir.resolve("generated-512x8");
            LlamaConfig c = new LlamaConfig(512, 1376, 8, 8, 8, 2048, 64, 1e-5, 10000, false, 512, 1, 2, "float32");
            if (!Files.isRegularFile(base.resolve("model.safetensors"))) {
                try (LlamaModel m = LlamaModels.random(c, c.nominalLayout(), 1, 0.02, Device.cpu(), DataType.FLOAT32)) {
                    LlamaModelWriter.write(m, base, DataType.FLOAT32, null, Map.of());
                }
                Files.writeString(base.resolve("tokenizer.json"), wordTokenizer(c.vocabSize()));
            }
            warmUpEngine();
            Path text = randomWords(dir.resolve("calibration.txt"), c.vocabSize(), 6000);
            out.append("generated model: hidden 512, 8 layers, MLP 1376, vocab 2048 (F32)\n");
            out.append("protected layers: the default for 8 layers, {0, 7}\n");
            PruningConfig block = PruningConfig.blockGlobal(0.2, text);
            out.append(line("block-wise, 20% global, element1", measure(base, dir.resolve("out-block"), block)));
            out.append(line("block-wise, 20% global, mix", measure(base, dir.resolve("out-mix"),
                    block.withImportance(dev.rankadaptor.prune.ImportanceKind.MIX))));
            PruningConfig depth = PruningConfig.blockLocal(0.25, text).withMethod(PruningMethod.DEPTH);
            out.append(line("depth, 2 of 8 blocks, taylor", measure(base, dir.resolve("out-depth"), depth)));
            out.append(line("depth, 2 of 8 blocks, perplexity", measure(base, dir.resolve("out-depth-ppl"),
                    depth.withDepthCriterion(DepthCriterion.PERPLEXITY))));
            Path demoText = demoCalibration();
            Path demoModel = demoModel();
            if (demoModel != null && demoText != null) {
                out.append("demo model ").append(demoModel).append(", calibration ").append(demoText).append('\n');
                out.append(line("demo block-wise, 20% global", measure(demoModel, dir.resolve("out-demo"),
                        PruningConfig.blockGlobal(0.2, demoText))));
                out.append(line("demo depth, 20% global, taylor", measure(demoModel, dir.resolve("out-demo-depth"),
                        PruningConfig.blockGlobal(0.2, demoText).withMethod(PruningMethod.DEPTH))));
            } else {
                out.append("demo model: not measured (no model.safetensors + config.json under ").append(DEMO)
                        .append(", or no calibration*.txt there)\n");
            }
            out.append("memory: RSS covers native tensors + JVM heap + touched pages of the mapped source file; the engine is\n"
                    + "loaded before the first run; memory freed by an earlier run stays in the process, so the growth of\n"
                    + "later runs is a lower bound (0 = within counter noise); the heap figure counts Java arrays only (row gathers, scores)\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Loads the native engine and runs one autograd op, so the first run's memory growth excludes them. */
    private static void warmUpEngine() {
        try (ai.djl.ndarray.NDManager m = dev.rankadaptor.compute.Engines.pytorch().newBaseManager();
             ai.djl.training.GradientCollector gc = dev.rankadaptor.compute.Engines.pytorch().newGradientCollector()) {
            ai.djl.ndarray.NDArray a = m.ones(new ai.djl.ndarray.types.Shape(64, 64));
            a.setRequiresGradient(true);
            gc.backward(a.matMul(a).sum());
        }
    }

    /** One measured run. */
    record Measurement(PruneOutcome outcome, long wallMillis, long cpuMillis, long modelBytes, long peakRss,
                       long peakRssGrowth, long peakHeapGrowth, long peakCommittedHeapGrowth) {
    }

    static Measurement measure(Path source, Path output, PruningConfig cfg) {
        long modelBytes;
        try (Checkpoint ck = Checkpoint.open(source)) {
            modelBytes = ck.parameterCount() * 4;
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap0 = rt.totalMemory() - rt.freeMemory();
        boolean rssOk = ProcMemory.resetPeak();
        long rss0 = ProcMemory.read("VmRSS:");
        long committed0 = rt.totalMemory();
        long[] heapPeak = {heap0};
        long[] committedPeak = {committed0};
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long total = rt.totalMemory();
                heapPeak[0] = Math.max(heapPeak[0], total - rt.freeMemory());
                committedPeak[0] = Math.max(committedPeak[0], total);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "prune-bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        PruneOutcome o = PruneJob.run(source, output, cfg, Device.cpu(), true, PruneListener.none(), CancellationToken.none());
        long wall = (System.nanoTime() - t0) / 1_000_000;
        long cpu = (cpuNanos() - cpu0) / 1_000_000;
        sampler.interrupt();
        try {
            sampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long hwm = ProcMemory.read("VmHWM:");
        boolean ok = rssOk && hwm > 0 && rss0 > 0;
        // per-thread RSS counters are approximate: a growth within that noise reads as 0
        return new Measurement(o, wall, cpu, modelBytes, ok ? hwm : -1, ok ? Math.max(0, hwm - rss0) : -1,
                heapPeak[0] - heap0, committedPeak[0] - committed0);
    }

    /** CPU time of the whole process (all threads), or 0 where the JVM does not expose it. */
    private static long cpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : 0;
    }

    static String line(String label, Measurement m) {
        Map<PrunePhase, Long> ph = m.outcome().phaseMillis();
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-36s %7d ms wall, %.2f CPU/wall (", label,
                m.wallMillis(), (double) m.cpuMillis() / Math.max(1, m.wallMillis())));
        boolean first = true;
        for (PrunePhase p : PrunePhase.values()) {
            if (ph.containsKey(p)) {
                s.append(first ? "" : ", ").append(p.name().toLowerCase(Locale.ROOT)).append(' ').append(ph.get(p));
                first = false;
            }
        }
        s.append(String.format(Locale.ROOT, "), params %,d -> %,d (%.1f%% removed)%n", m.outcome().plan().paramsBefore(),
                m.outcome().parametersAfter(), 100.0 * (1 - (double) m.outcome().parametersAfter() / m.outcome().plan().paramsBefore())));
        s.append(String.format(Locale.ROOT, "%-36s model F32 %.1f MiB; peak RSS %s (%s x model), growth over pre-run RSS %s "
                        + "(%s x model); peak used heap growth %.1f MiB (%.2f x model), committed heap growth %.1f MiB%n",
                "", m.modelBytes() / 1048576.0,
                mib(m.peakRss()), ratio(m.peakRss(), m.modelBytes()), mib(m.peakRssGrowth()),
                ratio(m.peakRssGrowth(), m.modelBytes()), m.peakHeapGrowth() / 1048576.0,
                (double) m.peakHeapGrowth() / m.modelBytes(), m.peakCommittedHeapGrowth() / 1048576.0));
        return s.toString();
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String ratio(long bytes, long model) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", (double) bytes / model);
    }

    /** data/calibration.txt of the demo project (what its generator writes), else any calibration*.txt. */
    private static Path demoCalibration() throws IOException {
        if (!Files.isDirectory(DEMO)) {
            return null;
        }
        Path preferred = DEMO.resolve("data").resolve("calibration.txt");
        if (Files.isRegularFile(preferred)) {
            return preferred;
        }
        try (Stream<Path> s = Files.walk(DEMO, 3)) {
            return s.filter(p -> p.getFileName().toString().startsWith("calibration")
                    && p.getFileName().toString().endsWith(".txt") && Files.isRegularFile(p)).sorted().findFirst().orElse(null);
        }
    }

    /** The demo checkpoint folder: the demo folder itself or a sub-folder holding model.safetensors. */
    private static Path demoModel() throws IOException {
        if (!Files.isDirectory(DEMO)) {
            return null;
        }
        try (Stream<Path> s = Files.walk(DEMO, 2)) {
            return s.filter(p -> p.getFileName().toString().equals("model.safetensors")
                    && Files.isRegularFile(p.resolveSibling("config.json"))).map(Path::getParent).sorted()
                    .findFirst().orElse(null);
        }
    }

    /** A word-level tokenizer.json whose words are w1..w{n-1} (id 0 is [UNK]). */
    static String wordTokenizer(int n) {
        StringBuilder vocab = new StringBuilder("\"[UNK]\": 0");
        for (int i = 1; i < n; i++) {
            vocab.append(", \"w").append(i).append("\": ").append(i);
        }
        return "{\"version\": \"1.0\", \"truncation\": null, \"padding\": null, \"added_tokens\": [],"
                + " \"normalizer\": null, \"pre_tokenizer\": {\"type\": \"Whitespace\"}, \"post_processor\": null,"
                + " \"decoder\": null, \"model\": {\"type\": \"WordLevel\", \"vocab\": {" + vocab
                + "}, \"unk_token\": \"[UNK]\"}}";
    }

    private static Path randomWords(Path file, int vocab, int words) throws IOException {
        Random r = new Random(5);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            sb.append('w').append(1 + r.nextInt(vocab - 1)).append(i % 16 == 15 ? '\n' : ' ');
        }
        Files.writeString(file, sb.toString());
        return file;
    }

    /**
     * Resident memory of this process from Linux /proc (bytes); -1 where /proc is not available, so
     * benchmarks print "n/a" rather than a made-up number.
     */
    static final class ProcMemory {
        private ProcMemory() {
        }

        /** A "VmRSS:" / "VmHWM:" line of /proc/self/status in bytes, or -1. */
        static long read(String key) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith(key)) {
                        String[] parts = line.substring(key.length()).trim().split("\\s+");
                        return Long.parseLong(parts[0]) * 1024;
                    }
                }
            } catch (IOException | RuntimeException e) {
                return -1;
            }
            return -1;
        }

        /** Resets the peak resident set (VmHWM) to the current one; false where the kernel refuses. */
        static boolean resetPeak() {
            try {
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
                return true;
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }
    }
}
