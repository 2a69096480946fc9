package dev.rankadaptor.pipeline;

import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.experiment.JournalRecord;
import dev.rankadaptor.experiment.ProjectFile;
import dev.rankadaptor.experiment.RunDirectory;
import dev.rankadaptor.experiment.JournalState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a running {@code search} process, then {@code resume}: finished trials are kept
 * and not re-run, and the final journal equals an uninterrupted run with the same seeds.
 */
class KillAndResumeTest {
    private static final List<String> BASELINES = List.of("lora_uniform");

    @Test
    void killedSearchResumesToTheSameResultAsAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        ProjectFile reference = TinyProjectFixture.create(tmp.resolve("a"), 5, 1, BASELINES);
        List<JournalRecord.TrialFinished> uninterrupted;
        try (RunDirectory dir = RunDirectory.create(reference)) {
            new RunOrchestrator(dir, RunListener.NONE, null).run();
            uninterrupted = dir.replay().finished();
        }

        ProjectFile killed = TinyProjectFixture.create(tmp.resolve("b"), 5, 1, BASELINES);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx2g", "-D" + Engines.CACHE_PROPERTY + "=" + Engines.cacheDir(),
                "-cp", System.getProperty("java.class.path"), "dev.rankadaptor.Main", "search", killed.path().toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        Path journal = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        int finishedAtKill = 0;
        while (System.nanoTime() < deadline && child.isAlive()) {
            journal = findJournal(killed.folder().resolve("runs"));
            if (journal != null) {
                finishedAtKill = countFinished(journal);
                if (finishedAtKill >= 2) {
                    break;
                }
            }
            Thread.sleep(100);
        }
        assertTrue(child.isAlive(), "the child ended before it could be killed: " + Files.readString(tmp.resolve("child.log")));
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(finishedAtKill >= 2);
        int finishedAfterKill = countFinished(journal);

        try (RunDirectory dir = RunDirectory.open(journal.getParent())) {
            JournalState before = dir.replay();
            assertEquals(finishedAfterKill, before.finished().size(), "every finished trial survives the kill");
            List<JournalRecord.TrialFinished> kept = new ArrayList<>(before.finished());
            RunOutcome out = new RunOrchestrator(dir, RunListener.NONE, null).run();
            assertEquals(RunOutcome.Status.FINISHED, out.status());
            List<JournalRecord.TrialFinished> resumed = dir.replay().finished();
            assertEquals(kept, resumed.subList(0, kept.size()), "finished trials are kept, not re-run");
            assertEquals(uninterrupted.size(), resumed.size());
            for (int i = 0; i < resumed.size(); i++) {
                JournalRecord.TrialFinished a = uninterrupted.get(i);
                JournalRecord.TrialFinished b = resumed.get(i);
                assertEquals(a.method() + "/" + a.phase() + a.ranks() + "@" + a.seed(), b.method() + "/" + b.phase() + b.ranks() + "@" + b.seed());
                assertEquals(a.score(), b.score(), 1e-9, "trial " + i + " score");
                assertEquals(a.taskScores(), b.taskScores());
            }
        }
    }

    private static Path findJournal(Path runs) throws Exception {
        if (!Files.isDirectory(runs)) {
            return null;
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.map(p -> p.resolve(RunDirectory.JOURNAL)).filter(Files::isRegularFile).findFirst().orElse(null);
        }
    }

    private static int countFinished(Path journal) throws Exception {
        return (int) Files.readAllLines(journal).stream().filter(l -> l.contains("\"type\":\"trial_finished\"")).count();
    }
}
