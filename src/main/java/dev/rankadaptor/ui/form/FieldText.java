package dev.rankadaptor.ui.form;

import dev.rankadaptor.common.InvalidFieldException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a panel's text fields hold, parsed and written: numbers and lists as the user types them.
 * Only the text form lives here; whether a value is allowed is the section's own validation. A
 * text that is no number is refused naming the project-file field it edits.
 */
public final class FieldText {
    private FieldText() {
    }

    public static int integer(String field, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "must be a whole number, was '" + text.trim() + "'");
        }
    }

    public static long longValue(String field, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "must be a whole number, was '" + text.trim() + "'");
        }
    }

    public static double number(String field, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field, "must be a number, was '" + text.trim() + "'");
        }
    }

    /** Whole numbers separated by {@code separator} ("2,4,6", "32-32-32"). */
    public static List<Integer> integers(String field, String text, String separator) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.trim().split(Pattern.quote(separator))) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new InvalidFieldException(field, "must be whole numbers separated by '" + separator + "', was '"
                        + text.trim() + "'");
            }
        }
        return out;
    }

    /** Comma-separated words, blanks dropped ("" = none). */
    public static List<String> words(String text) {
        return text.isBlank() ? List.of()
                : java.util.Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static String join(List<?> values, String separator) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(separator));
    }

    /** A number as the panels show it: whole values with one decimal (16.0), others as Java writes them (1.0E-4). */
    public static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }
}
