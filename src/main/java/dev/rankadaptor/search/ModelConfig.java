package dev.rankadaptor.search;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;

/**
 * Hyper-parameters of the performance model. Defaults follow the paper (hidden 32-32-32, output 1)
 * and the authors' partial reimplementation (Adam lr 1e-2, 200 full-batch epochs per refit).
 *
 * @param hidden        hidden layer widths, 1-8 layers of 1-1024 units
 * @param activation    hidden activation
 * @param learningRate  Adam learning rate, in (0, 1]
 * @param fitEpochs     full-batch epochs of a refit from the initial (or meta-learned) weights
 * @param updateEpochs  full-batch epochs of an incremental update (continue from current weights on the enlarged set)
 * @param weightDecay   L2 penalty on the weights (not biases), added to the gradient; 0 to disable
 */
public record ModelConfig(List<Integer> hidden, Activation activation, double learningRate, int fitEpochs,
                          int updateEpochs, double weightDecay) {
    /** Hidden-layer non-linearity. */
    public enum Activation { RELU, TANH }

    public ModelConfig {
        if (hidden == null || hidden.isEmpty() || hidden.size() > 8) {
            throw new InvalidFieldException("hidden", "needs 1 to 8 hidden layer widths");
        }
        for (Integer h : hidden) {
            if (h == null || h < 1 || h > 1024) {
                throw new InvalidFieldException("hidden", "each width must be in [1, 1024], was " + h);
            }
        }
        hidden = List.copyOf(hidden);
        if (activation == null) {
            throw new InvalidFieldException("activation", "must be RELU or TANH");
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new InvalidFieldException("learningRate", "must be in (0, 1], was " + learningRate);
        }
        if (fitEpochs < 1 || fitEpochs > 100_000) {
            throw new InvalidFieldException("fitEpochs", "must be in [1, 100000], was " + fitEpochs);
        }
        if (updateEpochs < 1 || updateEpochs > 100_000) {
            throw new InvalidFieldException("updateEpochs", "must be in [1, 100000], was " + updateEpochs);
        }
        if (!(weightDecay >= 0 && weightDecay <= 1)) {
            throw new InvalidFieldException("weightDecay", "must be in [0, 1], was " + weightDecay);
        }
    }

    public static ModelConfig defaults() {
        return new ModelConfig(List.of(32, 32, 32), Activation.RELU, 1e-2, 200, 50, 0.0);
    }

    public ModelConfig withEpochs(int fit, int update) {
        return new ModelConfig(hidden, activation, learningRate, fit, update, weightDecay);
    }
}
