package dev.rankadaptor.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rankadaptor.common.UserInputException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The original PIQA release keeps the answers apart from the questions: {@code valid.jsonl} holds
 * {goal, sol1, sol2} and {@code valid-labels.lst} one 0/1 per line, line i for row i. This joins
 * them into the Hugging Face row shape (a "label" field), checking counts and every label.
 */
final class PiqaLabels {
    private PiqaLabels() {
    }

    /** The labels file of a PIQA data file: {@code <base>-labels.lst} in the same folder. */
    static Path labelsFile(Path dataFile) {
        String n = dataFile.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dataFile.resolveSibling((dot < 0 ? n : n.substring(0, dot)) + "-labels.lst");
    }

    static List<DataRow> attach(Path dataFile, List<DataRow> rows) {
        Path lst = labelsFile(dataFile);
        if (!Files.isRegularFile(lst)) {
            throw new UserInputException(rows.get(0).where() + ": field 'label' missing (expected the Hugging Face row "
                    + "field 'label', or the original release's labels file " + lst + " beside the data file)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(lst, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserInputException(lst + ": cannot be read: " + e.getMessage(), e);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.size() != rows.size()) {
            throw new UserInputException(lst + ": has " + lines.size() + " labels but " + dataFile + " has " + rows.size()
                    + " rows (expected one 0/1 label per row)");
        }
        List<DataRow> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String v = lines.get(i).strip();
            if (!v.equals("0") && !v.equals("1")) {
                throw new UserInputException(lst + ":" + (i + 1) + ": label '" + v + "' (expected 0 or 1)");
            }
            DataRow r = rows.get(i);
            if (!r.node().isObject()) {
                out.add(r);
                continue;
            }
            ObjectNode node = ((ObjectNode) r.node()).deepCopy();
            node.put("label", Integer.parseInt(v));
            out.add(new DataRow(r.file(), r.line(), node, r.tableRow()));
        }
        return out;
    }
}
