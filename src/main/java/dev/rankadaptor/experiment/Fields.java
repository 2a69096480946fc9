package dev.rankadaptor.experiment;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validation for the project file's records. Every failure names the field by its path in the
 * file ("search.max_trials", "search.candidate_ranks[2]") so that a user can find it, and says
 * what was expected and what was found.
 */
final class Fields {
    private Fields() {
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required (a non-empty string)");
        }
        return value.trim();
    }

    /** A choice among fixed lower-case words; input is trimmed and lower-cased. */
    static String oneOf(String field, String value, List<String> allowed) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required (one of " + String.join(", ", allowed) + ")");
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw new InvalidFieldException(field, "must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
        }
        return v;
    }

    static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new InvalidFieldException(field, "must be >= " + min + ", was " + value);
        }
        return value;
    }

    static int between(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidFieldException(field, "must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    static double atLeast(String field, double value, double min) {
        if (!(value >= min) || Double.isInfinite(value)) {
            throw new InvalidFieldException(field, "must be a finite number >= " + min + ", was " + value);
        }
        return value;
    }

    static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidFieldException(field, "must be a finite number > 0, was " + value);
        }
        return value;
    }

    /** Closed interval [min, max]. */
    static double between(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidFieldException(field, "must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    /** Open interval (min, max). */
    static double inside(String field, double value, double min, double max) {
        if (!(value > min && value < max)) {
            throw new InvalidFieldException(field, "must be in (" + min + ", " + max + "), was " + value);
        }
        return value;
    }

    /** A present list without null entries, copied. */
    static <T> List<T> list(String field, List<T> values) {
        if (values == null) {
            throw new InvalidFieldException(field, "is required (a list)");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidFieldException(field + "[" + i + "]", "must not be null");
            }
        }
        return List.copyOf(values);
    }

    static <T> List<T> nonEmptyList(String field, List<T> values) {
        List<T> copy = list(field, values);
        if (copy.isEmpty()) {
            throw new InvalidFieldException(field, "must not be empty");
        }
        return copy;
    }

    /** Fails on the first repeated entry, naming its index. */
    static <T> void distinct(String field, List<T> values) {
        Set<T> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                throw new InvalidFieldException(field + "[" + i + "]", "repeats the entry " + values.get(i));
            }
        }
    }

    /** Each string entry checked against a fixed vocabulary, lower-cased, no repeats. */
    static List<String> choices(String field, List<String> values, List<String> allowed) {
        List<String> copy = list(field, values);
        List<String> out = new ArrayList<>(copy.size());
        for (int i = 0; i < copy.size(); i++) {
            out.add(oneOf(field + "[" + i + "]", copy.get(i), allowed));
        }
        distinct(field, out);
        return List.copyOf(out);
    }
}
