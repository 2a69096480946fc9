package dev.rankadaptor.cli;

import dev.rankadaptor.compute.MemoryBudget;
import picocli.CommandLine.Option;

/**
 * {@code --memory-limit}: lowers the memory the pre-flight allows a stage (otherwise the device's
 * available memory); same as the environment variable {@value MemoryBudget#ENV}.
 */
final class MemoryLimitOption {
    @Option(names = "--memory-limit", paramLabel = "SIZE",
            description = "refuse stages whose estimated peak exceeds SIZE (e.g. 20g, 512m; default: the available memory)")
    void limit(String size) {
        System.setProperty(MemoryBudget.PROPERTY, Long.toString(MemoryBudget.parseBytes("--memory-limit", size)));
    }
}
