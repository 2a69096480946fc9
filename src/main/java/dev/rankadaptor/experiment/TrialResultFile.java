package dev.rankadaptor.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rankadaptor.common.AtomicFiles;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The result file of one trial attempt run by a worker process or cluster job
 * ({@code trials/<index>/attempt-<a>.result.json}): the trial_finished record the run's coordinator
 * appends to the journal. Workers never touch the journal; the file is written atomically (temp file,
 * fsync, rename), so it either exists complete or not at all, and its existence alone says the trial
 * finished: a resumed coordinator adopts it instead of training the trial again.
 */
public final class TrialResultFile {
    private TrialResultFile() {
    }

    /** Writes the record atomically (one JSON object, journal format with its type key). */
    public static void write(Path file, JournalRecord.TrialFinished record) {
        try {
            String json = JournalJson.MAPPER.writerFor(JournalRecord.class).writeValueAsString(record);
            AtomicFiles.writeString(file, json + "\n");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode trial " + record.index() + ": " + e.getMessage(), e);
        }
    }

    /** The record, or empty when the file does not exist; a damaged file is an error naming it. */
    public static Optional<JournalRecord.TrialFinished> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode node = JournalJson.MAPPER.readTree(Files.readString(file));
            JournalRecord r = JournalJson.MAPPER.treeToValue(node, JournalRecord.class);
            if (r instanceof JournalRecord.TrialFinished f) {
                return Optional.of(f);
            }
            throw new UserInputException(file + ": expected a trial_finished record, found " + node.path("type").asText("no type"));
        } catch (IOException | IllegalArgumentException e) {
            throw new UserInputException(file + ": not a readable trial result: " + e.getMessage(), e);
        }
    }
}
