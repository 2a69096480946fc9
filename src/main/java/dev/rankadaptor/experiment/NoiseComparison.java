package dev.rankadaptor.experiment;

/**
 * Whether two methods' means in one column differ by more than their run-to-run noise: within noise
 * when |a - b| &lt; 2 * sqrt(se_a^2 + se_b^2) (se = std / sqrt(n)), roughly a 95% interval of the
 * difference. Unknown when either side has no spread estimate (one repeat, or a published number).
 * See docs/statistics.md.
 *
 * @param column     task id or "average"
 * @param difference mean(a) - mean(b)
 * @param noise      2 * sqrt(se_a^2 + se_b^2), or null when unknown
 * @param verdict    the outcome
 */
public record NoiseComparison(String column, double difference, Double noise, Verdict verdict) {
    public enum Verdict { WITHIN_NOISE, EXCEEDS_NOISE, UNKNOWN }

    public static NoiseComparison of(String column, ScoreCell a, ScoreCell b) {
        return of(column, a.mean() - b.mean(), a.stderr(), b.stderr());
    }

    /**
     * The same rule from a difference and the two standard errors (null or NaN = unknown); the one
     * place the rule lives, shared by the exports and the workbench's results table.
     */
    public static NoiseComparison of(String column, double difference, Double stderrA, Double stderrB) {
        if (stderrA == null || stderrB == null || stderrA.isNaN() || stderrB.isNaN()) {
            return new NoiseComparison(column, difference, null, Verdict.UNKNOWN);
        }
        double noise = 2.0 * Math.sqrt(stderrA * stderrA + stderrB * stderrB);
        return new NoiseComparison(column, difference, noise, Math.abs(difference) < noise ? Verdict.WITHIN_NOISE : Verdict.EXCEEDS_NOISE);
    }

    public boolean withinNoise() {
        return verdict == Verdict.WITHIN_NOISE;
    }
}
