package dev.rankadaptor.cli;

import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.TextTokenizer;
import dev.rankadaptor.checkpoint.Tokenizers;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.model.LlamaModelWriter;
import dev.rankadaptor.train.PretrainConfig;
import dev.rankadaptor.train.Pretrainer;
import dev.rankadaptor.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Pretrains a small LLaMA on a local corpus and writes it as a checkpoint folder. */
@Command(name = "pretrain", description = "Train a small LLaMA from scratch on a text corpus (the demo model).")
final class PretrainCommand implements Callable<Integer> {
    @Option(names = "--corpus", required = true, description = "UTF-8 text, documents separated by blank lines")
    Path corpus;

    @Option(names = "--tokenizer-dir", required = true, description = "folder with tokenizer.json")
    Path tokenizerDir;

    @Option(names = "--out", required = true, description = "checkpoint folder to write")
    Path out;

    @Option(names = "--minutes", defaultValue = "15", description = "time budget (default ${DEFAULT-VALUE})")
    double minutes;

    @Option(names = "--epochs", defaultValue = "4")
    int epochs;

    @Option(names = "--max-steps", defaultValue = "0")
    int maxSteps;

    @Option(names = "--seed", defaultValue = "1234")
    long seed;

    @Option(names = "--layers", defaultValue = "8")
    int layers;

    @Option(names = "--hidden", defaultValue = "128")
    int hidden;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(corpus)) {
            throw new UserInputException("corpus file not found: " + corpus);
        }
        String text = Files.readString(corpus);
        PretrainConfig d = PretrainConfig.demo();
        PretrainConfig cfg = new PretrainConfig(layers, hidden, d.heads(), d.kvHeads(), hidden * 11 / 4, d.seqLength(),
                d.batchSize(), d.microBatchSize(), d.learningRate(), epochs, maxSteps, minutes, seed);
        ProgressLine progress = new ProgressLine(System.err, 5000);
        try (TextTokenizer tok = Tokenizers.open(tokenizerDir)) {
            int bos = tok.bosId().orElseThrow(() -> new UserInputException(tokenizerDir + ": tokenizer defines no BOS token (expected <s>)"));
            int eos = tok.eosId().orElseThrow(() -> new UserInputException(tokenizerDir + ": tokenizer defines no EOS token (expected </s>)"));
            TrainingListener listener = new TrainingListener() {
                @Override
                public void step(StepEvent e) {
                    progress.update("pretrain", e.step(), e.totalSteps(),
                            String.format("loss %.3f lr %.2e %.0f tok/s", e.loss(), e.lr(), e.tokensPerSecond()));
                }

                @Override
                public void validation(int step, double loss) {
                    System.err.printf("validation loss after step %d: %.4f%n", step, loss);
                }
            };
            Pretrainer.Outcome o = Pretrainer.train(text, tok, bos, eos, cfg, listener, CancellationToken.none());
            try (var model = o.model()) {
                LlamaModelWriter.write(model, out, DataType.FLOAT32, tokenizerDir, Pretrainer.provenance(cfg, o));
                System.out.printf("wrote %s: %,d parameters, %d steps in %.0f s%s, final train loss %.4f, validation loss %.4f%n",
                        out, model.layout().parameterCount(model.config()), o.result().steps(), o.result().seconds(),
                        o.stoppedByTimeBudget() ? " (time budget reached)" : "", o.result().finalLoss(20), o.validationLoss());
            }
        }
        return 0;
    }
}
