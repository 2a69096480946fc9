package dev.rankadaptor.cli;

import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.pipeline.RunListener;
import dev.rankadaptor.pipeline.RunOrchestrator;
import dev.rankadaptor.pipeline.TinyProjectFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line on real files: exit codes, messages that name the problem, real output. */
class CliTest {
    private static final String DEMO = "sample-projects/tiny-llama-demo";

    record Result(int code, String out, String err) {
    }

    static synchronized Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            picocli.CommandLine cli = new picocli.CommandLine(new RankAdaptorCli());
            cli.setExecutionExceptionHandler(RankAdaptorCli::handle);
            cli.setErr(new java.io.PrintWriter(System.err, true));
            int code = cli.execute(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void inspectShowsTheDemoArchitecture() {
        Result r = run("inspect", DEMO);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("layers 8, hidden 128, heads 4 (kv 2)"), r.out());
        assertTrue(r.out().contains("1,738,880"), r.out());
    }

    @Test
    void theDemoModelGeneratesTextLikeItsCorpus() throws Exception {
        Result r = run("generate", DEMO, "--prompt", "The fox", "--max-tokens", "30");
        assertEquals(0, r.code(), r.err());
        String generated = r.out().strip().substring("The fox".length());
        assertTrue(generated.length() > 20, r.out());
        String corpus = Files.readString(Path.of(DEMO, "data/corpus.txt"));
        long known = java.util.Arrays.stream(generated.split("\\s+")).map(w -> w.replaceAll("[^A-Za-z]", ""))
                .filter(w -> !w.isEmpty()).filter(w -> corpus.contains(" " + w)).count();
        long words = java.util.Arrays.stream(generated.split("\\s+")).filter(w -> !w.replaceAll("[^A-Za-z]", "").isEmpty()).count();
        assertTrue(known >= 0.8 * words, "generated words should be corpus words: " + generated);
    }

    @Test
    void aBadProjectFieldExitsWithCode2AndNamesIt(@TempDir Path tmp) throws Exception {
        String json = Files.readString(Path.of(DEMO, "project.json")).replaceFirst("\"max_trials\" : \\d+", "\"max_trials\" : 0");
        assertTrue(json.contains("\"max_trials\" : 0"), "fixture edit applied");
        Path p = tmp.resolve("project.json");
        Files.writeString(p, json);
        Result r = run("search", p.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("search.max_trials"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace for bad input: " + r.err());
    }

    @Test
    void anUnknownSchemaVersionIsRefused(@TempDir Path tmp) throws Exception {
        String json = Files.readString(Path.of(DEMO, "project.json")).replace("\"schema_version\" : 1", "\"schema_version\" : 9");
        Path p = tmp.resolve("project.json");
        Files.writeString(p, json);
        Result r = run("search", p.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("schema_version 9 is not supported"), r.err());
    }

    @Test
    void aMissingCheckpointFolderIsAClearError() {
        Result r = run("inspect", "/no/such/folder");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("/no/such/folder"), r.err());
    }

    @Test
    void trialCommandAppendsOneRecordToARunJournal(@TempDir Path tmp) {
        ProjectFile pf = TinyProjectFixture.create(tmp.resolve("p"), 2, 1, List.of());
        Path run;
        int before;
        try (RunDirectory dir = RunDirectory.create(pf)) {
            new RunOrchestrator(dir, RunListener.NONE, null).run();
            run = dir.path();
            before = dir.replay().finished().size();
        }
        Result r = run("trial", run.toString(), "--ranks", "2,4,6,2", "--seed", "5");
        assertEquals(0, r.code(), r.err() + r.out());
        try (RunDirectory dir = RunDirectory.open(run)) {
            var finished = dir.replay().finished();
            assertEquals(before + 1, finished.size());
            assertEquals(List.of(2, 4, 6, 2), finished.get(finished.size() - 1).ranks());
        }
    }

    @Test
    void reportAddsAnLmEvalResultsFileAsAReferenceRow(@TempDir Path tmp) throws Exception {
        ProjectFile pf = TinyProjectFixture.create(tmp.resolve("p"), 2, 1, List.of());
        Path run;
        try (RunDirectory dir = RunDirectory.create(pf)) {
            new RunOrchestrator(dir, RunListener.NONE, null).run();
            run = dir.path();
        }
        Path lmEval = Path.of("src/test/resources/datafmt/lm-eval/results_v0.4.json").toAbsolutePath();
        Result r = run("report", run.toString(), "--reference-lm-eval", lmEval.toString(), "--label", "harness 7B");
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("| harness 7B † |"), r.out());
        assertTrue(java.nio.file.Files.readString(run.resolve("results.md")).contains("harness 7B"));

        Path bad = tmp.resolve("results.json");
        java.nio.file.Files.writeString(bad, "{\"results\": {\"piqa\": {\"acc,none\": 78.7}}}");
        r = run("report", run.toString(), "--reference-lm-eval", bad.toString());
        assertEquals(2, r.code(), r.err() + r.out());
        assertTrue(r.err().contains(bad + ": field 'results.piqa.acc,none' is 78.7"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }
}
