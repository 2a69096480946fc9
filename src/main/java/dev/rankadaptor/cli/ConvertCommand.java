package dev.rankadaptor.cli;

import dev.rankadaptor.checkpoint.CheckpointConverter;
import dev.rankadaptor.model.MemoryEstimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Writes a checkpoint folder (e.g. PyTorch .bin shards, read without running their pickle) as safetensors. */
@Command(name = "convert", description = "Write a checkpoint folder (PyTorch .bin/.pth, read safely, or safetensors) as "
        + "safetensors with its config and tokenizer files, into a new folder.")
final class ConvertCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "checkpoint folder (config.json + pytorch_model*.bin or safetensors)")
    Path checkpoint;

    @Option(names = "--out", required = true, description = "new folder to write (must not exist)")
    Path out;

    @Override
    public Integer call() {
        CheckpointConverter.Outcome o = CheckpointConverter.toSafetensors(checkpoint, out,
                w -> System.err.println("warning: " + w));
        System.out.printf("wrote %d tensors (%s) in %d safetensors file%s to %s%n", o.tensors(),
                MemoryEstimate.human(o.bytes()), o.weightFiles(), o.weightFiles() == 1 ? "" : "s", o.folder());
        return 0;
    }
}
