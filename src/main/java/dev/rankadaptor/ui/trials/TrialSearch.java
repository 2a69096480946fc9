package dev.rankadaptor.ui.trials;

import dev.rankadaptor.experiment.RunNotes;

import java.util.List;
import java.util.Locale;

/**
 * The trials table's search over the user's notes and tags ({@code notes.json}): every {@code tag:name}
 * must be one of the trial's tags (ignoring case), every other word must occur in its note or tags.
 * Combined with {@link TrialFilter} and the rank brushes by AND. Parsed by {@link #parse}.
 */
public record TrialSearch(List<String> tags, List<String> words) {
    public static final TrialSearch NONE = new TrialSearch(List.of(), List.of());

    public TrialSearch {
        tags = List.copyOf(tags);
        words = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * The notes search field: words separated by spaces; {@code tag:name} asks for a tag, any other word
     * for text in the note or the tags. Blank = no search.
     */
    public static TrialSearch parse(String text) {
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
    public boolean isEmpty() {
        return tags.isEmpty() && words.isEmpty();
    }

    /** Whether a trial with this annotation passes. */
    public boolean matches(RunNotes.Annotation a) {
        if (isEmpty()) {
            return true;
        }
        RunNotes.Annotation ann = a == null ? RunNotes.Annotation.NONE : a;
        for (String t : tags) {
            if (!ann.hasTag(t)) {
                return false;
            }
        }
        String text = (ann.note() + " " + String.join(" ", ann.tags())).toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (!text.contains(w)) {
                return false;
            }
        }
        return true;
    }
}
