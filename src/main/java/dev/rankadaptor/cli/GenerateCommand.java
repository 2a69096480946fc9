package dev.rankadaptor.cli;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.checkpoint.TextTokenizer;
import dev.rankadaptor.model.GenerationConfig;
import dev.rankadaptor.model.Generator;
import dev.rankadaptor.model.LlamaModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Continues a prompt with the checkpoint's model (greedy by default). */
@Command(name = "generate", description = "Generate text from a prompt.")
final class GenerateCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "checkpoint folder")
    Path checkpoint;

    @Option(names = "--prompt", required = true, description = "the prompt text")
    String prompt;

    @Option(names = "--max-tokens", defaultValue = "40")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0", description = "0 = greedy")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0")
    int topK;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--no-bos", description = "do not prepend the BOS token")
    boolean noBos;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() {
        try (Checkpoint ckpt = Checkpoint.open(checkpoint); LlamaModel m = model.load(ckpt)) {
            TextTokenizer tok = ckpt.tokenizer();
            int[] ids = tok.encode(prompt);
            if (!noBos) {
                int[] withBos = new int[ids.length + 1];
                withBos[0] = ckpt.config().bosTokenId();
                System.arraycopy(ids, 0, withBos, 1, ids.length);
                ids = withBos;
            }
            int[] out = new Generator(m).generate(ids, new GenerationConfig(maxTokens, temperature, topK, seed, true));
            System.out.println(prompt + tok.decode(out));
        }
        return 0;
    }
}
