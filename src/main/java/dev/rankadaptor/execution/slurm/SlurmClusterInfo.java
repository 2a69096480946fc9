package dev.rankadaptor.execution.slurm;

import java.util.List;

/**
 * What the preflight learned about the cluster.
 *
 * @param version    sbatch's version line, e.g. "slurm-wlm 22.05.8"
 * @param partitions partition names as sinfo lists them (the default one ends with '*')
 * @param nodes      nodes in all partitions together; more than one means the run folder must be on a shared filesystem
 */
public record SlurmClusterInfo(String version, List<String> partitions, int nodes) {
    public SlurmClusterInfo {
        partitions = List.copyOf(partitions);
    }
}
