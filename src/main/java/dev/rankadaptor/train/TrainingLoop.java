package dev.rankadaptor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.compute.Engines;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.ModelStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The causal-LM training loop shared by pretraining (all weights trainable) and LoRA recovery
 * (only adapter arrays trainable): seeded shuffling per epoch, micro-batches with gradient
 * accumulation, AdamW with a warmup/decay schedule, periodic validation, listener events and
 * cancellation between micro-batches. Same seed on CPU gives the same loss curve.
 */
public final class TrainingLoop {
    private final LlamaModel model;
    private final List<NDArray> trainable;
    private final TrainingSettings settings;
    private final TrainingListener listener;
    private TrainingHook hook = TrainingHook.NONE;

    public TrainingLoop(LlamaModel model, List<NDArray> trainable, TrainingSettings settings, TrainingListener listener) {
        this.model = model;
        this.trainable = List.copyOf(trainable);
        this.settings = settings;
        this.listener = listener == null ? TrainingListener.NONE : listener;
    }

    /** Installs a per-step hook (AdaLoRA's regulariser and rank allocation); returns this loop. */
    public TrainingLoop withHook(TrainingHook hook) {
        this.hook = hook == null ? TrainingHook.NONE : hook;
        return this;
    }

    /** Optimizer steps for a data set of n examples under these settings. */
    public static int totalSteps(int n, TrainingSettings s) {
        int perEpoch = Math.max(1, (int) Math.ceil(n / (double) s.batchSize()));
        int total = perEpoch * s.epochs();
        return s.maxSteps() > 0 ? Math.min(total, s.maxSteps()) : total;
    }

    /** Trains and returns the loss per optimizer step and the validation losses. */
    public TrainingResult run(List<TokenBatch.Example> train, List<TokenBatch.Example> validation, CancellationToken cancel) {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        for (NDArray p : trainable) {
            p.setRequiresGradient(true);
        }
        int total = totalSteps(train.size(), settings);
        LrSchedule schedule = new LrSchedule(settings.learningRate(), settings.warmupSteps(), total, settings.decay());
        Random rng = new Random(settings.seed());
        List<Double> losses = new ArrayList<>();
        List<double[]> valLosses = new ArrayList<>();
        long start = System.nanoTime();
        int step = 0;
        try (AdamW opt = new AdamW(trainable, settings.adamW(), model.manager())) {
            outer:
            for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                List<TokenBatch.Example> order = new ArrayList<>(train);
                java.util.Collections.shuffle(order, rng);
                for (int b = 0; b < order.size(); b += settings.batchSize()) {
                    if (step >= total) {
                        break outer;
                    }
                    List<TokenBatch.Example> batch = order.subList(b, Math.min(order.size(), b + settings.batchSize()));
                    long t0 = System.nanoTime();
                    double[] lossAndTokens = accumulate(batch, cancel);
                    double lr = schedule.at(step);
                    hook.afterBackward(step + 1);
                    double gradNorm = opt.update(lr);
                    step++;
                    hook.afterUpdate(step, (int) lossAndTokens[1]);
                    losses.add(lossAndTokens[0]);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    listener.step(new TrainingListener.StepEvent(step, total, lossAndTokens[0], lr, gradNorm, lossAndTokens[1] / secs));
                    if (!validation.isEmpty() && settings.evalEvery() > 0 && (step % settings.evalEvery() == 0 || step == total)) {
                        double vl = evaluate(validation, cancel);
                        valLosses.add(new double[]{step, vl});
                        listener.validation(step, vl);
                    }
                }
            }
        } finally {
            for (NDArray p : trainable) {
                p.setRequiresGradient(false);
            }
        }
        return new TrainingResult(losses, valLosses, step, (System.nanoTime() - start) / 1e9);
    }

    /** Forward+backward over micro-batches; each micro-batch's loss is weighted by its token share. */
    private double[] accumulate(List<TokenBatch.Example> batch, CancellationToken cancel) {
        int tokens = 0;
        List<TokenBatch> micro = new ArrayList<>();
        for (int i = 0; i < batch.size(); i += settings.microBatchSize()) {
            TokenBatch tb = TokenBatch.of(batch.subList(i, Math.min(batch.size(), i + settings.microBatchSize())), settings.padId());
            micro.add(tb);
            tokens += tb.trainedTokens();
        }
        double loss = 0;
        for (TokenBatch tb : micro) {
            cancel.throwIfCancelled();
            if (tb.trainedTokens() == 0) {
                continue;
            }
            if (settings.gradientCheckpointing()) {
                try (ModelStep s = model.newStep()) {
                    NDArray share = s.manager().create((float) (tb.trainedTokens() / (double) tokens));
                    float l = CheckpointedStep.backward(model, tb, share, hook::extraLoss, s.manager(), true);
                    loss += l * tb.trainedTokens() / tokens;
                }
                continue;
            }
            try (ModelStep s = model.newStep(); GradientCollector gc = Engines.pytorch().newGradientCollector()) {
                NDArray logits = model.forward(tb.inputs(s.manager()), null, true);
                NDArray l = CausalLmLoss.loss(logits, tb.targets(s.manager()), tb.mask(s.manager()));
                NDArray share = s.manager().create((float) (tb.trainedTokens() / (double) tokens));
                NDArray extra = hook.extraLoss(s.manager());
                gc.backward((extra == null ? l : l.add(extra)).mul(share));
                loss += l.getFloat() * tb.trainedTokens() / tokens;
            }
        }
        return new double[]{loss, tokens};
    }

    /** Token-weighted mean loss over a data set, no gradients. */
    public double evaluate(List<TokenBatch.Example> data, CancellationToken cancel) {
        double sum = 0;
        int tokens = 0;
        for (int i = 0; i < data.size(); i += settings.microBatchSize()) {
            cancel.throwIfCancelled();
            TokenBatch tb = TokenBatch.of(data.subList(i, Math.min(data.size(), i + settings.microBatchSize())), settings.padId());
            if (tb.trainedTokens() == 0) {
                continue;
            }
            try (ModelStep s = model.newStep()) {
                NDArray logits = model.forward(tb.inputs(s.manager()), null, false);
                double l = CausalLmLoss.loss(logits, tb.targets(s.manager()), tb.mask(s.manager())).getFloat();
                sum += l * tb.trainedTokens();
                tokens += tb.trainedTokens();
            }
        }
        return tokens == 0 ? Double.NaN : sum / tokens;
    }
}
