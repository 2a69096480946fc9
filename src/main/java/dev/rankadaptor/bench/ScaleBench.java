package dev.rankadaptor.bench;

import dev.rankadaptor.model.MemoryEstimate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Real-scale costs: a random checkpoint of a real model shape (F16 safetensors + a 32,000-token
 * tokenizer.json, generated once into a reused folder), then each stage (load, plan, prune with
 * element1 and mix at 20%, one checkpointed LoRA step, scoring HellaSwag-format items; depth pruning
 * by Taylor or perplexity on request) in its own child process, so each peak resident set (VmHWM)
 * and CPU time is that stage's alone. Prints a table with peak / checkpoint bytes and the pre-flight estimate's error.
 */
public final class ScaleBench {
    private ScaleBench() {
    }

    /** One measured stage. */
    record Row(ScaleStage.Kind stage, double wall, double user, double sys, long peak, long estimate, String note) {
        Row(ScaleStage.Kind stage, double wall, double user, double sys, long peak, long estimate) {
            this(stage, wall, user, sys, peak, estimate, "");
        }
    }

    /** The default stages: all of them. */
    static final List<ScaleStage.Kind> DEFAULT_STAGES = List.of(ScaleStage.Kind.LOAD, ScaleStage.Kind.PLAN,
            ScaleStage.Kind.PRUNE_ELEMENT1, ScaleStage.Kind.PRUNE_MIX, ScaleStage.Kind.LORA_STEP, ScaleStage.Kind.SCORE);

    /** Runs the named stages (null or empty: the default ones) on a checkpoint of {@code shapeName}. */
    public static String run(Path workDir, String shapeName, List<String> stageNames) {
        List<ScaleStage.Kind> stages = new ArrayList<>();
        if (stageNames == null || stageNames.isEmpty()) {
            stages.addAll(DEFAULT_STAGES);
        } else {
            for (String n : stageNames) {
                try {
                    stages.add(ScaleStage.Kind.valueOf(n.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new dev.rankadaptor.common.InvalidFieldException("--stages", "expected some of "
                            + java.util.Arrays.toString(ScaleStage.Kind.values()) + ", was " + n);
                }
            }
        }
        int items = ScaleShape.parse(shapeName) == ScaleShape.TINYLLAMA_1_1B ? 20 : 5;
        return run(workDir, shapeName, stages, items, dev.rankadaptor.pipeline.DemoProject.projectFile().getParent());
    }

    static String run(Path workDir, String shapeName, List<ScaleStage.Kind> stages, int items, Path demo) {
        ScaleShape shape = ScaleShape.parse(shapeName);
        Path folder = workDir.resolve("scale-" + shape.id);
        long t0 = System.nanoTime();
        boolean written = RandomCheckpoint.generate(shape.config, folder, true);
        StringBuilder out = new StringBuilder();
        long f16 = shape.parameters() * 2;
        out.append(String.format(Locale.ROOT, "shape %s: %d layers, hidden %d, %d heads / %d kv heads, MLP %d, vocab %d;"
                        + " %,d parameters, F16 %s%n", shape.id, shape.config.numHiddenLayers(), shape.config.hiddenSize(),
                shape.config.numAttentionHeads(), shape.config.numKeyValueHeads(), shape.config.intermediateSize(),
                shape.config.vocabSize(), shape.parameters(), MemoryEstimate.human(f16)));
        out.append(written ? String.format(Locale.ROOT, "generated %s in %.1f s%n", folder, (System.nanoTime() - t0) / 1e9)
                : "reused " + folder + "\n");
        List<Row> rows = new ArrayList<>();
        for (ScaleStage.Kind k : stages) {
            rows.add(child(k, folder, workDir, demo, items));
        }
        out.append(table(rows, f16));
        return out.toString();
    }

    static String table(List<Row> rows, long f16) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| %-30s | %8s | %8s | %8s | %7s | %10s | %6s | %10s | %6s |%n", "stage", "wall s",
                "user s", "sys s", "sys/usr", "peak", "/F16", "estimate", "error"));
        out.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            String est = r.estimate() > 0 ? MemoryEstimate.human(r.estimate()) : "-";
            String err = r.estimate() > 0 && r.peak() > 0
                    ? String.format(Locale.ROOT, "%+.0f%%", 100.0 * (r.estimate() - r.peak()) / r.peak()) : "-";
            out.append(String.format(Locale.ROOT, "| %-30s | %8.1f | %8.1f | %8.1f | %7.2f | %10s | %6.2f | %10s | %6s |%n",
                    r.stage().label, r.wall(), r.user(), r.sys(), r.user() > 0 ? r.sys() / r.user() : 0,
                    MemoryEstimate.human(r.peak()), r.peak() / (double) f16, est, err));
        }
        for (Row r : rows) {
            if (!r.note().isEmpty()) {
                out.append(r.stage().label).append(": ").append(describeNote(r.note())).append('\n');
            }
        }
        return out.toString();
    }

    /** Runs one stage in a child JVM (same class path, 2 GB heap, nice 10) and parses its result line. */
    static Row child(ScaleStage.Kind k, Path folder, Path work, Path demo, int items) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of("nice", "-n", "10", java, "-Xmx2g", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), ScaleStage.class.getName(), k.name(),
                folder.toString(), work.toString(), demo.toString(), Integer.toString(items)));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            // the bench stopped (SIGTERM, Ctrl-C): stop the child too (it ends at its next block), never orphan it
            Thread stopChild = new Thread(() -> {
                p.toHandle().destroy(); // SIGTERM only (Process.destroy also closes its output under our reader)
                try {
                    p.waitFor(150, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "stop-stage-child");
            Runtime.getRuntime().addShutdownHook(stopChild);
            String result = null;
            StringBuilder tail = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith(ScaleStage.RESULT)) {
                        result = line;
                    } else if (line.startsWith(ScaleStage.PROGRESS) || line.startsWith(ScaleStage.STOPPED)) {
                        System.err.println(line); // long stages: show how far they are
                        tail.append(line).append('\n');
                    } else if (!line.contains(" INFO ") && !line.contains(" WARN ")) {
                        tail.append(line).append('\n');
                        if (tail.length() > 4000) {
                            tail.delete(0, tail.length() - 4000);
                        }
                    }
                }
            }
            int rc = p.waitFor();
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the hook has stopped the child already
            }
            if (result == null) {
                throw new IllegalStateException("stage " + k + " exited with " + rc + " without a result:\n" + tail);
            }
            return parse(k, result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** "step 95.2 s, 1234 GFLOP (frozen-base count), 13.0 GFLOP/s; dense matMul 30.1 GFLOP/s; ratio 0.43". */
    static String describeNote(String note) {
        java.util.Map<String, String> v = fields(note);
        if (v.containsKey("gflops") && v.containsKey("mm_gflops")) {
            double rate = Double.parseDouble(v.get("gflops"));
            double mm = Double.parseDouble(v.get("mm_gflops"));
            return String.format(Locale.ROOT, "step %s s wall, %s s CPU; %s GFLOP (frozen-base count), %.2f GFLOP per CPU second;"
                    + " dense matMul of the same child %.2f GFLOP per CPU second%s; FLOP rate / matMul rate %.2f", v.get("step_s"),
                    v.get("step_cpu_s"), v.get("gflop"), rate, mm, v.containsKey("mm_before")
                            ? " (mean of " + v.get("mm_before") + " before and " + v.get("mm_after") + " after the step)" : "",
                    rate / mm);
        }
        if (v.containsKey("s_per_item")) {
            return v.get("items") + " items, " + v.get("s_per_item") + " s per item, longest pair " + v.get("longest_tokens")
                    + " tokens";
        }
        return note;
    }

    private static java.util.Map<String, String> fields(String line) {
        java.util.Map<String, String> v = new java.util.LinkedHashMap<>();
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                v.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return v;
    }

    private static Row parse(ScaleStage.Kind k, String line) {
        java.util.Map<String, String> v = fields(line);
        StringBuilder note = new StringBuilder();
        for (var e : v.entrySet()) {
            if (!java.util.Set.of("wall", "user", "sys", "hwm", "estimate").contains(e.getKey())) {
                note.append(note.length() == 0 ? "" : " ").append(e.getKey()).append('=').append(e.getValue());
            }
        }
        return new Row(k, Double.parseDouble(v.get("wall")), Double.parseDouble(v.get("user")),
                Double.parseDouble(v.get("sys")), Long.parseLong(v.get("hwm")), Long.parseLong(v.get("estimate")),
                note.toString());
    }

    /** {@code main(workDir, shape, stage...)}. */
    public static void main(String[] args) {
        System.out.print(run(Path.of(args[0]), args[1], java.util.Arrays.asList(args).subList(2, args.length)));
    }
}
