package dev.rankadaptor.prune;

/**
 * Group importance of one decoder layer: one score per kv-head group (the kv head's k/v rows plus
 * the q rows and o_proj columns of every query head that reads it; a plain head without GQA) and
 * one per MLP channel (gate row + up row + down column). Lower means less important.
 */
public record LayerImportance(int layer, double[] headGroups, double[] channels) {
}
