package dev.rankadaptor.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.Json;
import dev.rankadaptor.common.UserInputException;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the whole demo world into a project folder: the pretraining corpus, the Alpaca recovery
 * set, the pruning calibration text, the seven task files, the OBQA fact book and the tokenizer
 * trained on the corpus. Same seed, same bytes: every random choice comes from seeded streams and
 * every file is written atomically.
 */
public final class DemoWorldWriter {
    /** Sizes of what gets written; the defaults are those of the bundled sample project. */
    public record Sizes(int corpusChars, int calibrationChars, int recoveryRows, int evalRows, int vocabSize) {
        public Sizes {
            dev.rankadaptor.common.Check.positive("corpusChars", corpusChars);
            dev.rankadaptor.common.Check.positive("calibrationChars", calibrationChars);
            dev.rankadaptor.common.Check.positive("recoveryRows", recoveryRows);
            dev.rankadaptor.common.Check.inRange("evalRows", evalRows, 1, 1000);
            dev.rankadaptor.common.Check.inRange("vocabSize", vocabSize, BpeTrainer.SPECIAL_TOKENS.size() + 256, 65536);
        }

        public static Sizes defaults() {
            return new Sizes(3_000_000, 60_000, 2000, 150, BpeTrainer.DEFAULT_VOCAB_SIZE);
        }
    }

    /** The seed the bundled sample project was generated with. */
    public static final long DEFAULT_SEED = 20240601L;

    /** File names relative to the project folder. */
    public static final String CORPUS = "data/corpus.txt";
    public static final String RECOVERY = "data/recovery_alpaca.json";
    public static final String CALIBRATION = "data/calibration.txt";
    public static final String FACT_BOOK = "data/tasks/openbookqa_facts.txt";
    public static final List<String> TASKS = List.of("boolq", "piqa", "hellaswag", "winogrande", "arc_easy", "arc_challenge",
            "openbookqa");

    private DemoWorldWriter() {
    }

    public static String taskFile(String task) {
        return "data/tasks/" + task + ".jsonl";
    }

    /** Writes everything with the default sizes; returns the row and byte counts written. */
    public static Map<String, Object> write(Path projectDir, long seed) {
        return write(projectDir, seed, Sizes.defaults());
    }

    public static Map<String, Object> write(Path projectDir, long seed, Sizes sizes) {
        if (java.nio.file.Files.exists(projectDir) && !java.nio.file.Files.isDirectory(projectDir)) {
            throw new UserInputException(projectDir + ": is a file; expected a project folder for the demo data");
        }
        try {
            return writeAll(projectDir, seed, sizes);
        } catch (UncheckedIOException e) {
            throw new UserInputException("cannot write the demo data into " + projectDir + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> writeAll(Path projectDir, long seed, Sizes sizes) {
        WorldModel world = WorldModel.generate(seed);
        TaskSet tasks = TaskSet.of(world);
        HeldOut held = new HeldOut();
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        rows.put("boolq", tasks.boolq().evalRows(sizes.evalRows(), new Random(seed + 1), held));
        rows.put("piqa", tasks.piqa().evalRows(sizes.evalRows(), new Random(seed + 2), held));
        rows.put("hellaswag", tasks.hellaswag().evalRows(sizes.evalRows(), new Random(seed + 3), held));
        rows.put("winogrande", tasks.winogrande().evalRows(sizes.evalRows(), new Random(seed + 4), held));
        rows.put("arc_easy", tasks.arc().evalRows(false, sizes.evalRows(), new Random(seed + 5), held));
        rows.put("arc_challenge", tasks.arc().evalRows(true, sizes.evalRows(), new Random(seed + 6), held));
        rows.put("openbookqa", tasks.openbookqa().evalRows(sizes.evalRows(), new Random(seed + 7), held));

        CorpusGenerator corpusGen = new CorpusGenerator(world, tasks, held);
        String corpus = corpusGen.corpus(sizes.corpusChars(), new Random(seed + 11));
        String calibration = corpusGen.corpus(sizes.calibrationChars(), new Random(seed + 12));
        List<Map<String, String>> recovery = new RecoverySetGenerator(world, tasks, held).rows(sizes.recoveryRows(), new Random(seed + 13));
        BpeModel bpe = new BpeTrainer(sizes.vocabSize()).train(corpus);

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("seed", seed);
        writeText(projectDir.resolve(CORPUS), corpus, summary);
        writeText(projectDir.resolve(CALIBRATION), calibration, summary);
        String recoveryJson = toJson(recovery, true);
        writeText(projectDir.resolve(RECOVERY), recoveryJson, summary);
        summary.put("recovery_rows", recovery.size());
        for (Map.Entry<String, List<Map<String, Object>>> e : rows.entrySet()) {
            StringBuilder sb = new StringBuilder();
            for (Map<String, Object> row : e.getValue()) {
                sb.append(toJson(row, false)).append('\n');
            }
            writeText(projectDir.resolve(taskFile(e.getKey())), sb.toString(), summary);
            summary.put(e.getKey() + "_rows", e.getValue().size());
        }
        writeText(projectDir.resolve(FACT_BOOK), tasks.openbookqa().factBook(), summary);
        TokenizerFiles.write(bpe, projectDir);
        summary.put("vocab_size", bpe.vocabSize());
        return summary;
    }

    private static void writeText(Path file, String text, Map<String, Object> summary) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
        summary.put(file.getFileName().toString() + "_bytes", bytes.length);
    }

    private static String toJson(Object value, boolean pretty) {
        try {
            return pretty ? Json.mapper().writeValueAsString(value) + "\n" : Json.compact().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code make-demo-data <projectDir> [seed]}: what the CLI command runs. */
    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: DemoWorldWriter <projectDir> [seed]");
            System.exit(2);
        }
        long seed;
        try {
            seed = args.length == 2 ? Long.parseLong(args[1]) : DEFAULT_SEED;
        } catch (NumberFormatException e) {
            System.err.println("seed: expected a whole number, was '" + args[1] + "'");
            System.exit(2);
            return;
        }
        long t0 = System.nanoTime();
        Map<String, Object> summary;
        try {
            summary = write(Path.of(args[0]), seed);
        } catch (UserInputException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        summary.forEach((k, v) -> System.out.println(k + ": " + v));
        System.out.printf("done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
