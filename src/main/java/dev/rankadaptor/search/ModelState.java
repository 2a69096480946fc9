package dev.rankadaptor.search;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;

/**
 * A snapshot of the performance model (weights and target standardisation), Jackson-serialisable,
 * for checkpoints, the GUI, and handing a meta-learned model to a run. Layer k's weight matrix is
 * stored row-major as (inputs x outputs).
 */
public record ModelState(int inputs, List<Integer> hidden, ModelConfig.Activation activation,
                         List<float[]> weights, List<float[]> biases, double targetMean, double targetStd) {
    public ModelState {
        if (weights == null || biases == null || weights.size() != hidden.size() + 1 || biases.size() != weights.size()) {
            throw new InvalidFieldException("weights", "expected " + (hidden.size() + 1) + " weight and bias arrays");
        }
        int in = inputs;
        for (int k = 0; k < weights.size(); k++) {
            int out = k < hidden.size() ? hidden.get(k) : 1;
            if (weights.get(k).length != in * out || biases.get(k).length != out) {
                throw new InvalidFieldException("weights", "layer " + k + " expected " + in + "x" + out + " weights");
            }
            in = out;
        }
        if (!(targetStd > 0) || !Double.isFinite(targetMean)) {
            throw new InvalidFieldException("targetStd", "must be > 0 with a finite mean");
        }
        weights = weights.stream().map(float[]::clone).toList();
        biases = biases.stream().map(float[]::clone).toList();
    }
}
