package dev.rankadaptor.model;

/**
 * Sum of log-probabilities of the continuation tokens given the context, whether every token was
 * the model's greedy (argmax) choice, and how many tokens were scored.
 */
public record ContinuationScore(double logLikelihood, boolean greedy, int tokens) {
}
