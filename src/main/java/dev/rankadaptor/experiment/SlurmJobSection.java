package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The job template of the {@code slurm} backend ({@code execution.slurm} in project.json): what every
 * trial's {@code sbatch} job asks the scheduler for. Empty strings leave the cluster's default.
 *
 * @param partition        {@code --partition}
 * @param gres             {@code --gres}, e.g. {@code gpu:1} or {@code gpu:a100:1}
 * @param cpusPerTask      {@code --cpus-per-task}
 * @param mem              {@code --mem}, e.g. {@code 32G}
 * @param timeLimit        {@code --time}, e.g. {@code 04:00:00} or {@code 1-00:00:00}
 * @param account          {@code --account}
 * @param extraSbatchLines further {@code #SBATCH} options, one per entry, e.g. {@code --qos=normal}
 */
public record SlurmJobSection(String partition, String gres, int cpusPerTask, String mem, String timeLimit,
                              String account, List<String> extraSbatchLines) {
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_.,:+-]*");
    private static final Pattern MEM = Pattern.compile("(\\d+[KMGT]?)?");
    private static final Pattern TIME = Pattern.compile("((\\d+-)?\\d+(:\\d{2}){0,2})?");

    public SlurmJobSection {
        partition = word("execution.slurm.partition", partition);
        gres = word("execution.slurm.gres", gres);
        Fields.between("execution.slurm.cpus_per_task", cpusPerTask, 1, 1024);
        mem = matching("execution.slurm.mem", mem, MEM, "a size such as 16G or 16000 (MB)");
        timeLimit = matching("execution.slurm.time_limit", timeLimit, TIME, "a Slurm time such as 04:00:00, 90 or 1-00:00:00");
        account = word("execution.slurm.account", account);
        extraSbatchLines = Fields.list("execution.slurm.extra_sbatch_lines", extraSbatchLines);
        for (int i = 0; i < extraSbatchLines.size(); i++) {
            String line = extraSbatchLines.get(i);
            String f = "execution.slurm.extra_sbatch_lines[" + i + "]";
            if (line == null || !line.trim().startsWith("--") || line.contains("\n") || line.contains("\r")) {
                throw new InvalidFieldException(f, "must be one sbatch option starting with -- on one line (e.g. --qos=normal), was '" + line + "'");
            }
        }
        extraSbatchLines = extraSbatchLines.stream().map(String::trim).toList();
    }

    /** No partition, gres, memory, time or account given: the cluster's defaults; one CPU per task. */
    public static SlurmJobSection defaults() {
        return new SlurmJobSection("", "", 1, "", "", "", List.of());
    }

    private static String word(String field, String v) {
        return matching(field, v, WORD, "a single word of letters, digits and _ . , : + -");
    }

    private static String matching(String field, String v, Pattern p, String expected) {
        String t = v == null ? "" : v.trim();
        if (!p.matcher(t).matches()) {
            throw new InvalidFieldException(field, "expected " + expected + ", was '" + v + "'");
        }
        return t;
    }
}
