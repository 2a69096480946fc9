package dev.rankadaptor.pipeline;

import dev.rankadaptor.pipeline.DataFileCheck;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.eval.DataFormat;
import dev.rankadaptor.eval.TaskData;
import dev.rankadaptor.eval.TaskFolder;
import dev.rankadaptor.eval.TaskKind;
import dev.rankadaptor.recover.AlpacaReader;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads every data file of a run with the run's own readers ({@link AlpacaReader} for recovery
 * data, {@link TaskFolder} + {@link TaskData} for task files, UTF-8 text like the pruning stage's
 * calibration reader) and reports counts or the reader's error. Plain Java, no JavaFX, so it runs
 * on a background thread and is tested directly.
 */
public final class DataFileChecker {
    private DataFileChecker() {
    }

    /**
     * What to check.
     *
     * @param recoveryData   recovery.data_file, resolved
     * @param validationSize recovery.validation_size (examples held out)
     * @param calibration    pruning.calibration_file, resolved (null: not checked)
     * @param taskFolder     evaluation.task_folder, resolved
     * @param tasks          the selected tasks
     */
    public record Request(Path recoveryData, int validationSize, Path calibration, Path taskFolder, List<TaskKind> tasks) {
        public Request {
            tasks = List.copyOf(tasks);
        }
    }

    /** One check per file: recovery data, calibration text, then each task in order. */
    public static List<DataFileCheck> checkAll(Request r, CancellationToken token) {
        List<DataFileCheck> out = new ArrayList<>();
        out.add(recoveryData(r.recoveryData(), r.validationSize()));
        token.throwIfCancelled();
        if (r.calibration() != null) {
            out.add(calibration(r.calibration()));
            token.throwIfCancelled();
        }
        for (TaskKind k : r.tasks()) {
            out.add(task(r.taskFolder(), k));
            token.throwIfCancelled();
        }
        return out;
    }

    /** Recovery data through AlpacaReader; warns when validation_size leaves nothing to train on. */
    public static DataFileCheck recoveryData(Path file, int validationSize) {
        String role = "recovery data";
        try {
            int n = AlpacaReader.read(file).size();
            String format = formatOf(file);
            if (n == 0) {
                return new DataFileCheck(role, file, 0, "examples", false, file + ": no examples (expected Alpaca rows)");
            }
            if (validationSize >= n) {
                return new DataFileCheck(role, file, n, "examples", false, file + ": recovery.validation_size " + validationSize
                        + " holds out every one of the " + n + " examples; nothing is left to train on");
            }
            return new DataFileCheck(role, file, n, "examples", true, "Alpaca format OK; " + (n - validationSize)
                    + " for training, " + validationSize + " held out for validation", format);
        } catch (UserInputException e) {
            return failed(role, file, "examples", e);
        }
    }

    /** Calibration text: must be readable UTF-8 with some text (tokens are counted when pruning, with the model's tokenizer). */
    public static DataFileCheck calibration(Path file) {
        String role = "calibration text";
        if (!Files.isRegularFile(file)) {
            return new DataFileCheck(role, file, -1, "lines", false, "calibration_text: " + file + " does not exist");
        }
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            return new DataFileCheck(role, file, -1, "lines", false, "calibration_text: cannot read " + file + " as UTF-8 text");
        } catch (IOException e) {
            return new DataFileCheck(role, file, -1, "lines", false, "calibration_text: cannot read " + file + ": " + e.getMessage());
        }
        long lines = content.lines().filter(l -> !l.isBlank()).count();
        if (lines == 0) {
            return new DataFileCheck(role, file, 0, "lines", false, "calibration_text: " + file + " is empty (expected plain text)");
        }
        return new DataFileCheck(role, file, (int) lines, "lines", true, "UTF-8 text, " + content.length()
                + " characters; windows are drawn from its tokens when pruning", "UTF-8 text");
    }

    /** One task's file in the folder, located and converted with the evaluator's readers. */
    public static DataFileCheck task(Path folder, TaskKind kind) {
        String role = "task " + kind.id();
        Path file = folder.resolve(kind.fileName());
        try {
            if (!Files.isDirectory(folder)) {
                throw new UserInputException(folder + ": not a folder (expected the folder holding the task data files)");
            }
            List<Path> files = TaskFolder.find(folder, kind);
            file = files.get(0);
            TaskData data = TaskData.load(kind, files);
            Path shown = files.size() == 1 ? file : file.getParent();
            return new DataFileCheck(role, shown, data.size(), "items", true, kind.displayName() + " rows OK", data.format());
        } catch (UserInputException e) {
            return failed(role, file, "items", e);
        } catch (RuntimeException e) {
            // a reader bug must not hide the other files' results; still name the file
            return new DataFileCheck(role, file, -1, "items", false, file + ": cannot be read as " + kind.displayName()
                    + " rows (" + e + ")");
        }
    }

    /** The container format by content; null when the file cannot be sniffed (its reader's error says why). */
    private static String formatOf(Path file) {
        try {
            return DataFormat.detect(file).label();
        } catch (UserInputException e) {
            return null;
        }
    }

    private static DataFileCheck failed(String role, Path file, String unit, RuntimeException e) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        if (!msg.contains(file.toString()) && !msg.contains(file.getFileName().toString())) {
            msg = file + ": " + msg;
        }
        return new DataFileCheck(role, file, -1, unit, false, msg, Files.isRegularFile(file) ? formatOf(file) : null);
    }
}
