package dev.rankadaptor.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Help for every command, and library log lines kept off the console unless --verbose. */
class QuietCommandLineTest {

    @Test
    void everySubcommandPrintsItsHelpAndExitsZero() {
        CommandLine root = RankAdaptorCli.commandLine(null);
        List<String> names = new ArrayList<>(root.getSubcommands().keySet());
        assertTrue(names.contains("prune") && names.contains("search") && names.contains("trial"), names.toString());
        for (String name : names) {
            if (name.equals("help")) {
                continue;
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = RankAdaptorCli.commandLine(null);
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int code = cli.execute(name, "--help");
            assertEquals(0, code, name + " --help: " + err);
            assertTrue(out.toString().contains("Usage: rankadaptor " + name), name + ": " + out);
            assertFalse(err.toString().contains("Missing required"), name + ": " + err);
            assertTrue(out.toString().contains("--verbose"), name + " help lists --verbose: " + out);
        }
    }

    @Test
    void theCommandLineWithoutADesktopHasNoGuiCommand() {
        assertFalse(RankAdaptorCli.commandLine(null).getSubcommands().containsKey("gui"));
    }

    @Test
    void verboseIsFoundBeforeTheEndOfOptions() {
        assertTrue(LibraryLogs.verbose("inspect", "x", "--verbose"));
        assertFalse(LibraryLogs.verbose("generate", "x", "--", "--verbose"));
        assertFalse(LibraryLogs.verbose("inspect", "x"));
    }

    /** Runs Main in a child JVM on this test's class path, as the launcher does with the jar. */
    private static String[] runMain(Path logDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dai.djl.offline=true",
                "-Drankadaptor.djl.cache=" + System.getProperty("rankadaptor.djl.cache", "target/djl-cache"),
                "-D" + LibraryLogs.DIR_PROPERTY + "=" + logDir,
                "dev.rankadaptor.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("DJL_OFFLINE", "true");
        Path out = Files.createTempFile(logDir.getParent(), "out", ".txt");
        Path err = Files.createTempFile(logDir.getParent(), "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child finished");
        return new String[]{String.valueOf(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8)};
    }

    @Test
    void djlStartUpLinesGoToTheLogFileUnlessVerbose(@TempDir Path tmp) throws Exception {
        Path logs = tmp.resolve("logs");
        String[] quiet = runMain(logs, "generate", "sample-projects/tiny-llama-demo", "--prompt", "The fox", "--max-tokens", "3");
        assertEquals("0", quiet[0], quiet[2]);
        assertTrue(quiet[1].startsWith("The fox"), quiet[1]);
        assertFalse(quiet[2].contains("ai.djl"), "no DJL line on the console: " + quiet[2]);
        String logged;
        try (Stream<Path> files = Files.list(logs)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            assertTrue(all.get(0).getFileName().toString().startsWith("generate-"), all.toString());
            logged = Files.readString(all.get(0));
        }
        assertTrue(logged.contains("ai.djl.pytorch"), "the engine start is in the log file: " + logged);

        String[] verbose = runMain(tmp.resolve("logs2"), "generate", "sample-projects/tiny-llama-demo", "--prompt", "The fox",
                "--max-tokens", "3", "--verbose");
        assertEquals("0", verbose[0], verbose[2]);
        assertTrue(verbose[2].contains("ai.djl.pytorch"), "--verbose shows the engine start: " + verbose[2]);
    }

    @Test
    void subcommandHelpThroughMainExitsZero(@TempDir Path tmp) throws Exception {
        String[] r = runMain(tmp.resolve("logs"), "prune", "--help");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("Usage: rankadaptor prune"), r[1]);
        assertEquals("", r[2].strip());
    }
}
