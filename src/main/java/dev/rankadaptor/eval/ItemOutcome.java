package dev.rankadaptor.eval;

/**
 * What the model chose for one item.
 *
 * @param logLikelihoods summed continuation log-probability per choice
 * @param predicted      argmax of the log-likelihoods (first on ties, as numpy)
 * @param predictedNorm  argmax of log-likelihood / characters, or -1 for items without acc_norm
 * @param gold           the correct choice
 */
public record ItemOutcome(double[] logLikelihoods, int predicted, int predictedNorm, int gold) {
    public boolean correct() {
        return predicted == gold;
    }

    public boolean correctNorm() {
        return predictedNorm == gold;
    }

    /** Index of the largest value, the first one on ties (numpy.argmax semantics, NaN wins). */
    static int argmax(double[] values) {
        int best = 0;
        for (int i = 0; i < values.length; i++) {
            if (Double.isNaN(values[i])) {
                return i;
            }
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
