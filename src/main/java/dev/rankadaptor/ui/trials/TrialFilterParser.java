package dev.rankadaptor.ui.trials;

/**
 * Turns the filter bar's text fields into a {@link TrialFilter}, with messages that say which
 * field is wrong and what it expects (shown inline, never as an exception dialog).
 */
public final class TrialFilterParser {
    private TrialFilterParser() {
    }

    /**
     * @param phase       selected phase or null/blank for all
     * @param minMeasured blank or a number
     * @param layerRank   blank or "layer=rank" with both non-negative integers
     */
    public static TrialFilter parse(String phase, String minMeasured, String layerRank) {
        double min = Double.NaN;
        if (minMeasured != null && !minMeasured.isBlank()) {
            try {
                min = Double.parseDouble(minMeasured.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("min measured: expected a number, was '" + minMeasured.trim() + "'");
            }
        }
        int layer = -1;
        int rank = 0;
        if (layerRank != null && !layerRank.isBlank()) {
            String[] parts = layerRank.trim().split("=");
            try {
                if (parts.length != 2) {
                    throw new NumberFormatException();
                }
                layer = Integer.parseInt(parts[0].trim());
                rank = Integer.parseInt(parts[1].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("layer=rank: expected two integers like 7=12, was '" + layerRank.trim() + "'");
            }
            if (layer < 0 || rank < 0) {
                throw new IllegalArgumentException("layer=rank: layer and rank must be >= 0");
            }
        }
        return new TrialFilter(phase == null || phase.isBlank() ? null : phase, min, layer, rank);
    }

    /**
     * The notes search field: words separated by spaces; {@code tag:name} asks for a tag, any other word
     * for text in the note or the tags. Blank = no search.
     */
    public static TrialSearch search(String text) {
        if (text == null || text.isBlank()) {
            return TrialSearch.NONE;
        }
        java.util.List<String> tags = new java.util.ArrayList<>();
        java.util.List<String> words = new java.util.ArrayList<>();
        for (String w : text.trim().split("\\s+")) {
            if (w.regionMatches(true, 0, "tag:", 0, 4)) {
                String tag = w.substring(4);
                if (tag.isEmpty()) {
                    throw new IllegalArgumentException("search: 'tag:' needs a tag name, e.g. tag:baseline");
                }
                tags.add(tag);
            } else {
                words.add(w);
            }
        }
        return new TrialSearch(tags, words);
    }
}
