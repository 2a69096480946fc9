package dev.rankadaptor.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and replays {@code journal.jsonl}. A last line without its newline that does not parse is
 * the trace of a crash mid-write: it is skipped with a warning. Any other bad line means the file
 * was damaged or edited: replay stops with a {@link JournalCorruptException} naming the line.
 * Reading never modifies the file (the writer repairs the tail when it reopens it).
 */
public final class JournalReader {
    private JournalReader() {
    }

    /** The parsed lines and the warnings (torn last line). */
    public record Contents(List<JournalEntry> entries, List<String> warnings) {
        public Contents {
            entries = List.copyOf(entries);
            warnings = List.copyOf(warnings);
        }
    }

    /** Reads every record of a journal. */
    public static Contents read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserInputException(file + ": journal not found (not a run folder?)", e);
        } catch (IOException e) {
            throw new UserInputException(file + ": cannot be read: " + e.getMessage(), e);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<JournalEntry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int start = 0;
        int lineNo = 0;
        while (start < text.length()) {
            lineNo++;
            int nl = text.indexOf('\n', start);
            boolean terminated = nl >= 0;
            String line = terminated ? text.substring(start, nl) : text.substring(start);
            start = terminated ? nl + 1 : text.length();
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(parseEntry(line, lineNo));
            } catch (RuntimeException | IOException e) {
                if (!terminated) {
                    warnings.add(file + ": line " + lineNo + " is incomplete (the process stopped while writing it) and was ignored");
                } else {
                    throw new JournalCorruptException(file, lineNo, describe(e), e);
                }
            }
        }
        return new Contents(entries, warnings);
    }

    /** Replays a journal into the run's state. */
    public static JournalState replay(Path file) {
        return replay(read(file), file);
    }

    static JournalState replay(Contents contents, Path file) {
        RunStatus status = RunStatus.NEW;
        JournalRecord.RunStarted started = null;
        int resumes = 0;
        JournalRecord.Pruned pruned = null;
        List<JournalRecord.TrialFinished> finished = new ArrayList<>();
        Map<Integer, Integer> finishedAt = new HashMap<>();
        JournalRecord.TrialStarted inFlight = null;
        List<JournalRecord.TrialFailed> failed = new ArrayList<>();
        JournalRecord.ModelUpdated model = null;
        JournalRecord.Converged converged = null;
        List<JournalRecord.Note> notes = new ArrayList<>();
        List<String> warnings = new ArrayList<>(contents.warnings());
        int next = 0;
        for (JournalEntry entry : contents.entries()) {
            JournalRecord r = entry.record();
            if (r instanceof JournalRecord.RunStarted s) {
                if (started != null) {
                    throw new JournalCorruptException(file, entry.line(), "a second run_started record", null);
                }
                started = s;
                status = RunStatus.ACTIVE;
            } else if (r instanceof JournalRecord.RunResumed) {
                resumes++;
                status = RunStatus.ACTIVE;
            } else if (r instanceof JournalRecord.Pruned p) {
                pruned = p;
            } else if (r instanceof JournalRecord.TrialStarted t) {
                inFlight = t;
                next = Math.max(next, t.index() + 1);
            } else if (r instanceof JournalRecord.TrialFinished t) {
                next = Math.max(next, t.index() + 1);
                if (inFlight != null && inFlight.index() == t.index()) {
                    inFlight = null;
                }
                Integer earlier = finishedAt.putIfAbsent(t.index(), entry.line());
                if (earlier != null) {
                    warnings.add(file + ": line " + entry.line() + ": trial " + t.index()
                            + " finished again (first at line " + earlier + "); the first result is kept");
                } else {
                    finished.add(t);
                }
            } else if (r instanceof JournalRecord.TrialFailed f) {
                next = Math.max(next, f.index() + 1);
                if (inFlight != null && inFlight.index() == f.index()) {
                    inFlight = null;
                }
                failed.add(f);
            } else if (r instanceof JournalRecord.ModelUpdated m) {
                model = m;
            } else if (r instanceof JournalRecord.Converged c) {
                converged = c;
            } else if (r instanceof JournalRecord.RunPaused) {
                status = RunStatus.PAUSED;
            } else if (r instanceof JournalRecord.RunStopped) {
                status = RunStatus.STOPPED;
            } else if (r instanceof JournalRecord.RunCancelled) {
                status = RunStatus.CANCELLED;
                inFlight = null;
            } else if (r instanceof JournalRecord.RunFinished) {
                status = RunStatus.FINISHED;
            } else if (r instanceof JournalRecord.Note n) {
                notes.add(n);
            }
        }
        return new JournalState(status, started, resumes, pruned, finished, inFlight, failed, model, converged, notes,
                warnings, next);
    }

    /** Parses one line; used by the writer to tell an unterminated but intact record from a torn one. */
    static JournalRecord parseLine(String line) {
        try {
            return parseEntry(line, 0).record();
        } catch (RuntimeException | IOException e) {
            return null;
        }
    }

    private static JournalEntry parseEntry(String line, int lineNo) throws IOException {
        JsonNode node = JournalJson.MAPPER.readTree(line);
        if (!(node instanceof ObjectNode obj)) {
            throw new IOException("not a JSON object");
        }
        if (!obj.hasNonNull("type")) {
            throw new IOException("no \"type\" key");
        }
        JsonNode time = obj.remove("time");
        JournalRecord record = JournalJson.MAPPER.treeToValue(obj, JournalRecord.class);
        return new JournalEntry(lineNo, time == null || time.isNull() ? null : time.asText(), record);
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidFieldException f) {
                return f.getMessage();
            }
        }
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
            return j.getOriginalMessage();
        }
        return e.getMessage();
    }
}
