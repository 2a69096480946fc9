package dev.rankadaptor.experiment;

import dev.rankadaptor.common.UserInputException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measured trials of earlier runs, read from their journals, for meta-learning the performance model
 * before a new search (the paper's Initialization phase). A bank entry is a run folder or a journal
 * file; each finished trial keeps its source so the search can filter (same layer count, same
 * candidate ranks) and say where its prior came from.
 */
public final class TrialBankReader {
    private TrialBankReader() {
    }

    /** One banked trial and the journal it came from. */
    public record Entry(Path source, JournalRecord.TrialFinished trial) {
    }

    /** Every finished trial of the given runs/journals, in the given order; warnings of torn tails are returned too. */
    public static Result read(List<Path> sources) {
        List<Entry> entries = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (Path source : sources) {
            Path journal = Files.isDirectory(source) ? source.resolve(RunDirectory.JOURNAL) : source;
            if (!Files.isRegularFile(journal)) {
                throw new UserInputException(source + ": trial bank entry is neither a run folder nor a journal file");
            }
            JournalState state = JournalReader.replay(journal);
            warnings.addAll(state.warnings());
            for (JournalRecord.TrialFinished t : state.finished()) {
                entries.add(new Entry(journal, t));
            }
        }
        return new Result(entries, warnings);
    }

    /** The banked trials and the replay warnings. */
    public record Result(List<Entry> entries, List<String> warnings) {
        public Result {
            entries = List.copyOf(entries);
            warnings = List.copyOf(warnings);
        }

        /** Trials whose rank vector has this many layers (the only ones a model over that space can learn from). */
        public List<JournalRecord.TrialFinished> withLayers(int layers) {
            return entries.stream().map(Entry::trial).filter(t -> t.ranks().size() == layers).toList();
        }
    }
}
