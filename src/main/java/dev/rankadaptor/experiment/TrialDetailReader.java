package dev.rankadaptor.experiment;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads one trial's {@link TrialDetail} from a run folder without locking it (the run may be working):
 * the journal as written so far, {@code trials/<index>/loss.json} and the newest
 * {@code trials/<index>/attempt-<a>.log}. Runs off the UI thread.
 */
public final class TrialDetailReader {
    /** Lines of the log shown. */
    public static final int TAIL_LINES = 40;
    private static final int TAIL_BYTES = 64 * 1024;
    private static final Pattern LOG = Pattern.compile("attempt-(\\d+)\\.log");

    private TrialDetailReader() {
    }

    /** The detail of trial {@code index}; fails naming the journal when the trial is not in it. */
    public static TrialDetail read(Path runFolder, int index) {
        List<JournalEntry> entries = JournalReader.read(runFolder.resolve(RunDirectory.JOURNAL)).entries();
        JournalRecord.TrialStarted started = null;
        JournalRecord.TrialFinished finished = null;
        JournalRecord.TrialFailed failed = null;
        String startTime = null;
        String endTime = null;
        List<String> attempts = new ArrayList<>();
        String journalTail = null;
        for (JournalEntry e : entries) {
            JournalRecord r = e.record();
            if (r instanceof JournalRecord.TrialStarted s && s.index() == index) {
                // a trial re-run after a crash starts again: the last start is the one that counts
                started = s;
                startTime = e.time();
                finished = null;
                failed = null;
                endTime = null;
            } else if (r instanceof JournalRecord.TrialFinished f && f.index() == index) {
                finished = f;
                endTime = e.time();
            } else if (r instanceof JournalRecord.TrialFailed f && f.index() == index) {
                failed = f;
                endTime = e.time();
                if (f.logTail() != null && !f.logTail().isBlank()) {
                    journalTail = f.logTail();
                }
            } else if (r instanceof JournalRecord.TrialDispatched d && d.index() == index) {
                attempts.add("attempt " + d.attempt() + ": " + d.backend() + (d.worker().isEmpty() ? "" : " on " + d.worker())
                        + " (" + d.handle() + "), " + e.time());
            } else if (r instanceof JournalRecord.TrialAttemptFailed a && a.index() == index) {
                attempts.add("attempt " + a.attempt() + " failed: " + a.reason());
                if (a.logTail() != null && !a.logTail().isBlank()) {
                    journalTail = a.logTail();
                }
            }
        }
        if (started == null && finished == null && failed == null) {
            throw new dev.rankadaptor.common.UserInputException(runFolder.resolve(RunDirectory.JOURNAL)
                    + ": has no record of trial " + index);
        }
        double[] curve = TrialLossHistory.read(TrialLossHistory.file(runFolder, index)).map(TrialLossHistory::losses).orElse(null);
        Path log = newestLog(runFolder.resolve(RunDirectory.TRIALS).resolve(Integer.toString(index)));
        String tail = "";
        String source = "";
        if (log != null) {
            tail = tail(log, TAIL_LINES);
            source = log.toString();
        } else if (journalTail != null) {
            tail = journalTail;
            source = "journal";
        }
        return new TrialDetail(index, started, finished, failed, startTime, endTime, attempts, curve, tail, source);
    }

    /** The attempt log with the highest attempt number, null when there is none. */
    static Path newestLog(Path trialDir) {
        if (!Files.isDirectory(trialDir)) {
            return null;
        }
        Path best = null;
        int bestAttempt = -1;
        try (Stream<Path> s = Files.list(trialDir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Matcher m = LOG.matcher(p.getFileName().toString());
                if (m.matches() && Integer.parseInt(m.group(1)) > bestAttempt) {
                    bestAttempt = Integer.parseInt(m.group(1));
                    best = p;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return best;
        }
        return best;
    }

    /** The last {@code lines} lines of a text file (reads at most its last 64 KiB). */
    static String tail(Path file, int lines) {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long len = f.length();
            int n = (int) Math.min(len, TAIL_BYTES);
            byte[] buf = new byte[n];
            f.seek(len - n);
            f.readFully(buf);
            String text = new String(buf, StandardCharsets.UTF_8);
            List<String> all = text.lines().toList();
            if (n < len && !all.isEmpty()) {
                all = all.subList(1, all.size()); // the first line was cut
            }
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + file + " could not be read: " + e.getMessage() + ")";
        }
    }
}
