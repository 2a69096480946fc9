package dev.rankadaptor.cli;

import dev.rankadaptor.checkpoint.Checkpoint;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.Perplexity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Perplexity of a text file in non-overlapping windows. */
@Command(name = "perplexity", description = "Perplexity of a plain-text file (non-overlapping windows).")
final class PerplexityCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "checkpoint folder")
    Path checkpoint;

    @Parameters(index = "1", description = "UTF-8 text file")
    Path text;

    @Option(names = "--window", defaultValue = "128")
    int window;

    @Option(names = "--max-tokens", defaultValue = "0", description = "score at most this many tokens (0 = all)")
    int maxTokens;

    @Mixin
    ModelOptions model;

    @Override
    public Integer call() {
        String content;
        try {
            content = Files.readString(text);
        } catch (IOException e) {
            throw new UserInputException("cannot read text file " + text + ": " + e.getMessage());
        }
        try (Checkpoint ckpt = Checkpoint.open(checkpoint); LlamaModel m = model.load(ckpt)) {
            int[] ids = ckpt.tokenizer().encode(content);
            if (maxTokens > 0 && ids.length > maxTokens) {
                ids = java.util.Arrays.copyOf(ids, maxTokens);
            }
            if (ids.length < 2) {
                throw new UserInputException(text + " holds fewer than 2 tokens: nothing to score");
            }
            Perplexity.Result r = Perplexity.compute(m, ids, Math.min(window, m.config().maxPositionEmbeddings()), CancellationToken.none());
            System.out.printf("perplexity %.3f (mean NLL %.4f over %,d tokens, window %d)%n", r.perplexity(), r.meanNll(), r.tokens(), window);
        }
        return 0;
    }
}
