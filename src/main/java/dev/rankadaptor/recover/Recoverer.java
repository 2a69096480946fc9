package dev.rankadaptor.recover;

import ai.djl.ndarray.NDArray;
import dev.rankadaptor.checkpoint.TextTokenizer;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.train.TokenBatch;
import dev.rankadaptor.train.TrainingHook;
import dev.rankadaptor.train.TrainingListener;
import dev.rankadaptor.train.TrainingLoop;
import dev.rankadaptor.train.TrainingResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Recovers a pruned model: attaches LoRA (or AdaLoRA) adapters, trains only them with the shared
 * training loop, and measures validation loss before and after. The base weights are never
 * marked trainable. The engine's random generator (dropout) is seeded from the recovery seed, so
 * a CPU run repeats exactly.
 */
public final class Recoverer {
    private Recoverer() {
    }

    /** LoRA recovery with a rank per layer. The returned Recovery keeps the adapters attached. */
    public static Recovery recover(LlamaModel model, TextTokenizer tokenizer, RecoveryData data, LoraConfig lora,
                                   RecoveryConfig config, TrainingListener listener, CancellationToken cancel) {
        List<TokenBatch.Example> examples = tokenize(model, tokenizer, data, config);
        return recoverExamples(model, examples, lora, config, listener, cancel);
    }

    /** AdaLoRA recovery (the paper's baseline); the budget schedule spans the run's optimizer steps. */
    public static Recovery recoverAdaLora(LlamaModel model, TextTokenizer tokenizer, RecoveryData data, AdaLoraConfig ada,
                                          RecoveryConfig config, TrainingListener listener, CancellationToken cancel) {
        List<TokenBatch.Example> examples = tokenize(model, tokenizer, data, config);
        return recoverAdaLoraExamples(model, examples, ada, config, listener, cancel);
    }

    /** LoRA recovery on already tokenized examples (split by the recovery seed: one recovery on its own). */
    public static Recovery recoverExamples(LlamaModel model, List<TokenBatch.Example> examples, LoraConfig lora,
                                           RecoveryConfig config, TrainingListener listener, CancellationToken cancel) {
        return recoverExamples(model, RecoverySplit.of(examples, config.validationSize(), config.seed()), lora, config,
                listener, cancel);
    }

    /**
     * LoRA recovery on a given train / validation split: a search passes the run's one split to
     * every trial, so trials differ only by ranks and seed (initialisation, dropout, order).
     */
    public static Recovery recoverExamples(LlamaModel model, RecoverySplit split, LoraConfig lora,
                                           RecoveryConfig config, TrainingListener listener, CancellationToken cancel) {
        return train(model, split, config, listener, cancel, "lora", ignored -> LoraAttachment.attach(model, lora));
    }

    /** AdaLoRA recovery on already tokenized examples (split by the recovery seed). */
    public static Recovery recoverAdaLoraExamples(LlamaModel model, List<TokenBatch.Example> examples, AdaLoraConfig ada,
                                                  RecoveryConfig config, TrainingListener listener, CancellationToken cancel) {
        return recoverAdaLoraExamples(model, RecoverySplit.of(examples, config.validationSize(), config.seed()), ada,
                config, listener, cancel);
    }

    /** AdaLoRA recovery on a given split; its budget schedule spans the optimizer steps of {@code split.train()}. */
    public static Recovery recoverAdaLoraExamples(LlamaModel model, RecoverySplit split, AdaLoraConfig ada,
                                                  RecoveryConfig config, TrainingListener listener, CancellationToken cancel) {
        return train(model, split, config, listener, cancel, "adalora",
                totalSteps -> AdaLoraAttachment.attach(model, ada, totalSteps));
    }

    /** Optimizer steps a recovery with this config makes on {@code trainExamples} examples (epochs, batch, max_steps). */
    public static int optimizerSteps(int trainExamples, RecoveryConfig config) {
        return TrainingLoop.totalSteps(trainExamples, config.trainingSettings(0));
    }

    /**
     * Tokenizes recovery data with the model's BOS/EOS ids and the config's cutoff and masking;
     * a search tokenizes once and passes the examples to {@link #recoverExamples} per trial.
     */
    public static List<TokenBatch.Example> tokenize(LlamaModel model, TextTokenizer tokenizer, RecoveryData data,
                                                    RecoveryConfig c) {
        return RecoveryExamples.of(data, tokenizer, model.config().bosTokenId(), model.config().eosTokenId(),
                c.cutoffLength(), c.trainOnResponsesOnly());
    }

    private static Recovery train(LlamaModel model, RecoverySplit split, RecoveryConfig config,
                                  TrainingListener listener, CancellationToken cancel, String method,
                                  Function<Integer, AdapterSet> attach) {
        List<TokenBatch.Example> validation = split.validation();
        List<TokenBatch.Example> train = split.train();
        var settings = config.trainingSettings(Math.max(0, model.config().eosTokenId()));
        int totalSteps = TrainingLoop.totalSteps(train.size(), settings);
        Engines.pytorch().setRandomSeed((int) config.seed());
        AdapterSet adapters = attach.apply(totalSteps);
        try {
            List<NDArray> trainable = adapters.trainableArrays();
            TrainingLoop loop = new TrainingLoop(model, trainable, settings, listener);
            long[] tokens = {0};
            TrainingHook inner = adapters.trainingHook();
            loop.withHook(new CountingHook(inner, tokens));
            List<double[]> val = new ArrayList<>();
            if (!validation.isEmpty()) {
                val.add(new double[]{0, loop.evaluate(validation, cancel)});
            }
            TrainingResult r = loop.run(train, validation, cancel);
            val.addAll(r.validation());
            if (!validation.isEmpty() && (val.size() == 1 || val.get(val.size() - 1)[0] != r.steps())) {
                val.add(new double[]{r.steps(), loop.evaluate(validation, cancel)});
            }
            RecoveryResult result = new RecoveryResult(method, r.losses(), val, r.steps(), r.seconds(),
                    tokens[0] / Math.max(1e-9, r.seconds()), tokens[0], adapters.parameterCount(), adapters.layerRanks(),
                    adapters.moduleRanks());
            return new Recovery(result, adapters, split.trainIds());
        } catch (RuntimeException e) {
            adapters.close();
            throw e;
        }
    }

    /** Forwards to the method's hook and counts trained tokens. */
    private record CountingHook(TrainingHook inner, long[] tokens) implements TrainingHook {
        @Override
        public NDArray extraLoss(ai.djl.ndarray.NDManager stepManager) {
            return inner.extraLoss(stepManager);
        }

        @Override
        public void afterBackward(int step) {
            inner.afterBackward(step);
        }

        @Override
        public void afterUpdate(int step, int trainedTokens) {
            tokens[0] += trainedTokens;
            inner.afterUpdate(step, trainedTokens);
        }
    }
}
