package dev.rankadaptor.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import dev.rankadaptor.checkpoint.LlamaConfig;
import dev.rankadaptor.checkpoint.TextTokenizer;
import dev.rankadaptor.common.CancellationToken;
import dev.rankadaptor.common.CancelledException;
import dev.rankadaptor.common.UserInputException;
import dev.rankadaptor.model.LlamaModel;
import dev.rankadaptor.model.LlamaModels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trains a small LLaMA from random weights on a corpus: documents (blank-line separated) are
 * tokenised, joined with BOS between them and cut into fixed windows; all weights train with
 * AdamW and cosine decay. A time budget ends training early but keeps the weights learned so far.
 */
public final class Pretrainer {
    private Pretrainer() {
    }

    /** The trained model and its training record. */
    public record Outcome(LlamaModel model, TrainingResult result, double validationLoss, boolean stoppedByTimeBudget) {
    }

    public static Outcome train(String corpus, TextTokenizer tokenizer, int bosId, int eosId, PretrainConfig cfg,
                                TrainingListener listener, CancellationToken cancel) {
        List<TokenBatch.Example> windows = windows(corpus, tokenizer, bosId, cfg.seqLength() + 1);
        if (windows.size() < 10) {
            throw new UserInputException("corpus too small: " + windows.size() + " windows of " + (cfg.seqLength() + 1)
                    + " tokens; expected at least 10");
        }
        java.util.Collections.shuffle(windows, new java.util.Random(cfg.seed()));
        int nVal = Math.max(2, windows.size() / 50);
        List<TokenBatch.Example> val = new ArrayList<>(windows.subList(0, nVal));
        List<TokenBatch.Example> train = new ArrayList<>(windows.subList(nVal, windows.size()));
        LlamaConfig config = new LlamaConfig(cfg.hidden(), cfg.mlpWidth(), cfg.heads(), cfg.kvHeads(), cfg.layers(),
                tokenizer.vocabSize(), cfg.hidden() / cfg.heads(), 1e-5, 10000.0, false, Math.max(512, cfg.seqLength()),
                bosId, eosId, "float32");
        LlamaModel model = LlamaModels.random(config, config.nominalLayout(), cfg.seed(), 0.02, Device.cpu(), DataType.FLOAT32);
        List<NDArray> params = new ArrayList<>(model.namedWeights().values());
        int total = TrainingLoop.totalSteps(train.size(), settings(cfg, 0));
        int evalEvery = Math.max(1, total / 10);
        TrainingSettings settings = settings(cfg, evalEvery);
        long deadline = cfg.maxMinutes() > 0 ? System.nanoTime() + (long) (cfg.maxMinutes() * 60e9) : Long.MAX_VALUE;
        CancellationToken budget = CancellationToken.create();
        List<Double> losses = new ArrayList<>();
        TrainingListener timed = new TrainingListener() {
            @Override
            public void step(StepEvent e) {
                losses.add(e.loss());
                listener.step(e);
                if (System.nanoTime() > deadline || cancel.isCancelled()) {
                    budget.cancel();
                }
            }

            @Override
            public void validation(int step, double loss) {
                listener.validation(step, loss);
            }
        };
        TrainingLoop loop = new TrainingLoop(model, params, settings, timed);
        TrainingResult result;
        boolean stopped = false;
        try {
            result = loop.run(train, val, budget);
        } catch (CancelledException e) {
            if (cancel.isCancelled()) {
                model.close();
                throw e;
            }
            stopped = true;
            result = new TrainingResult(losses, List.of(), losses.size(), 0);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        double valLoss = loop.evaluate(val, CancellationToken.none());
        return new Outcome(model, result, valLoss, stopped);
    }

    private static TrainingSettings settings(PretrainConfig cfg, int evalEvery) {
        return new TrainingSettings(cfg.epochs(), cfg.batchSize(), cfg.microBatchSize(), cfg.learningRate(), 50,
                LrSchedule.Decay.COSINE, new AdamWConfig(0.9, 0.95, 1e-8, 0.1, 1.0), evalEvery, cfg.maxSteps(), 0, cfg.seed());
    }

    /** Non-overlapping windows of {@code length} tokens over the BOS-joined documents. */
    static List<TokenBatch.Example> windows(String corpus, TextTokenizer tok, int bosId, int length) {
        List<Integer> stream = new ArrayList<>();
        for (String doc : corpus.split("\\n\\s*\\n")) {
            String d = doc.strip();
            if (d.isEmpty()) {
                continue;
            }
            stream.add(bosId);
            for (int id : tok.encode(d)) {
                stream.add(id);
            }
        }
        List<TokenBatch.Example> out = new ArrayList<>();
        for (int s = 0; s + length <= stream.size(); s += length) {
            int[] w = new int[length];
            for (int i = 0; i < length; i++) {
                w[i] = stream.get(s + i);
            }
            out.add(TokenBatch.Example.plain(w));
        }
        return out;
    }

    /** Provenance for the checkpoint's README and layout source map. */
    public static Map<String, String> provenance(PretrainConfig cfg, Outcome o) {
        return Map.of("made_by", "rankadaptor pretrain", "seed", Long.toString(cfg.seed()),
                "steps", Integer.toString(o.result().steps()),
                "validation_loss", String.format(java.util.Locale.ROOT, "%.4f", o.validationLoss()));
    }
}
