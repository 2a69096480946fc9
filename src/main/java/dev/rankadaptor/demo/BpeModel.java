package dev.rankadaptor.demo;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.List;

/**
 * A trained byte-level BPE vocabulary: token strings by id (special tokens first, then the 256
 * byte chars, then the new token of each merge) and the merges in priority order.
 */
public record BpeModel(List<String> tokens, List<String[]> merges, List<String> specialTokens) {
    public BpeModel {
        tokens = List.copyOf(tokens);
        merges = List.copyOf(merges);
        specialTokens = List.copyOf(specialTokens);
        if (tokens.size() < specialTokens.size() + 256 || tokens.size() > specialTokens.size() + 256 + merges.size()
                || new java.util.HashSet<>(tokens).size() != tokens.size()) {
            throw new InvalidFieldException("tokens", "must hold the special tokens, 256 bytes and at most one distinct token per merge, had "
                    + tokens.size());
        }
        for (int i = 0; i < specialTokens.size(); i++) {
            if (!tokens.get(i).equals(specialTokens.get(i))) {
                throw new InvalidFieldException("tokens", "must start with the special tokens " + specialTokens);
            }
        }
    }

    public int vocabSize() {
        return tokens.size();
    }
}
