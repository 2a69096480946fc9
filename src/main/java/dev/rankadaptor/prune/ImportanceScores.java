package dev.rankadaptor.prune;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Taylor importance of every prunable layer's groups, plus how it was measured; recorded in the
 * pruned checkpoint's provenance so a result can be explained and repeated.
 */
public record ImportanceScores(ImportanceKind kind, int samples, int window, Map<Integer, LayerImportance> layers) {
    public ImportanceScores {
        layers = Collections.unmodifiableMap(new TreeMap<>(layers));
    }

    public LayerImportance layer(int i) {
        LayerImportance l = layers.get(i);
        if (l == null) {
            throw new IllegalArgumentException("no importance scores for layer " + i);
        }
        return l;
    }
}
