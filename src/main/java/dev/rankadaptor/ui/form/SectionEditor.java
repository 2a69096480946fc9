package dev.rankadaptor.ui.form;

import dev.rankadaptor.common.InvalidFieldException;
import dev.rankadaptor.common.UserInputException;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How a panel edits one immutable, validated value (a project-file section such as
 * {@code experiment.SearchSection}): the editor holds the current value and replaces it with a
 * {@code with...} copy on each edit, so the value's own constructor is the only validation and its
 * own defaults the only defaults. An edit the value refuses stays pending with the value's message
 * (shown in {@link #errorProperty()}) while the value keeps its last valid state; after every
 * accepted edit the pending ones are tried again, so a pair of fields that constrain each other
 * (initial trials &lt;= max trials, workers = devices) can be fixed in either order.
 *
 * @param <R> the edited value
 */
public final class SectionEditor<R> {
    private record Pending<R>(UnaryOperator<R> change, UserInputException error) {
    }

    private record TextField<R>(StringProperty text, Function<R, String> show) {
    }

    private final ReadOnlyObjectWrapper<R> value;
    private final Map<String, TextField<R>> fields = new LinkedHashMap<>();
    private final Map<String, Pending<R>> pending = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private boolean loading;

    public SectionEditor(R initial) {
        value = new ReadOnlyObjectWrapper<>(this, "value", initial);
    }

    /**
     * A text field of the value: {@code show} writes the value's setting as text, {@code apply}
     * parses a text into a copy of the value (throwing the value's {@code InvalidFieldException}
     * for a bad text).
     */
    public StringProperty text(String name, Function<R, String> show, BiFunction<R, String, R> apply) {
        StringProperty p = new SimpleStringProperty(this, name, show.apply(value.get()));
        p.addListener((o, a, t) -> {
            if (!loading) {
                edit(name, r -> apply.apply(r, t));
            }
        });
        fields.put(name, new TextField<>(p, show));
        return p;
    }

    /** Applies one edit named {@code name} (a later edit of the same name replaces a pending one). */
    public void edit(String name, UnaryOperator<R> change) {
        pending.remove(name);
        try {
            value.set(change.apply(value.get()));
            retryPending();
        } catch (UserInputException e) {
            pending.put(name, new Pending<>(change, e));
        }
        showError();
    }

    private void retryPending() {
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            for (String name : new ArrayList<>(pending.keySet())) {
                Pending<R> p = pending.get(name);
                try {
                    value.set(p.change().apply(value.get()));
                    pending.remove(name);
                    progress = true;
                } catch (UserInputException e) {
                    pending.put(name, new Pending<>(p.change(), e));
                }
            }
        }
    }

    private void showError() {
        error.set(pending.isEmpty() ? "" : pending.values().iterator().next().error().getMessage());
    }

    /** Shows {@code r} (e.g. a loaded project's section): every text field is rewritten, pending edits dropped. */
    public void load(R r) {
        loading = true;
        try {
            value.set(r);
            pending.clear();
            for (TextField<R> f : fields.values()) {
                f.text().set(f.show().apply(r));
            }
        } finally {
            loading = false;
        }
        showError();
    }

    /** The value when every edit was accepted; otherwise the first refused edit's exception (naming the field). */
    public R valid() {
        if (!pending.isEmpty()) {
            throw pending.values().iterator().next().error();
        }
        return value.get();
    }

    /** The last valid value (edits still pending are not in it). */
    public ReadOnlyObjectProperty<R> valueProperty() {
        return value.getReadOnlyProperty();
    }

    public R value() {
        return value.get();
    }

    /** The first pending edit's message, "" when all were accepted. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The first pending message among the edits named {@code names} ("" when none), for a panel showing part of the value. */
    public String errorOf(java.util.Collection<String> names) {
        for (Map.Entry<String, Pending<R>> e : pending.entrySet()) {
            if (names.contains(e.getKey())) {
                return e.getValue().error().getMessage();
            }
        }
        return "";
    }

    /** The first pending edit among {@code names}, thrown; nothing when those were all accepted. */
    public void checkOnly(java.util.Collection<String> names) {
        for (Map.Entry<String, Pending<R>> e : pending.entrySet()) {
            if (names.contains(e.getKey())) {
                throw e.getValue().error();
            }
        }
    }

    /** The text fields by name, in the order they were added. */
    public List<String> textFieldNames() {
        return new ArrayList<>(fields.keySet());
    }

    public StringProperty textField(String name) {
        TextField<R> f = fields.get(name);
        if (f == null) {
            throw new IllegalArgumentException("no field " + name);
        }
        return f.text();
    }

    /**
     * What a panel's text fields hold, parsed and written: numbers and lists as the user types them.
     * Only the text form lives here; whether a value is allowed is the section's own validation. A
     * text that is no number is refused naming the project-file field it edits.
     */
    public static final class FieldText {
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
}
