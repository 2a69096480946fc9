package dev.rankadaptor.common;

/** Validation helpers for record constructors; each failure names the field and the allowed range. */
public final class Check {
    private Check() {
    }

    public static int positive(String field, int value) {
        if (value <= 0) {
            throw new InvalidFieldException(field, "must be > 0, was " + value);
        }
        return value;
    }

    public static int nonNegative(String field, int value) {
        if (value < 0) {
            throw new InvalidFieldException(field, "must be >= 0, was " + value);
        }
        return value;
    }

    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidFieldException(field, "must be a finite number > 0, was " + value);
        }
        return value;
    }

    public static int inRange(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidFieldException(field, "must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    public static double inRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new InvalidFieldException(field, "must be in [" + min + ", " + max + "], was " + value);
        }
        return value;
    }

    /** Open interval (min, max), e.g. a pruning ratio. */
    public static double openRange(String field, double value, double min, double max) {
        if (!(value > min && value < max)) {
            throw new InvalidFieldException(field, "must be in (" + min + ", " + max + "), was " + value);
        }
        return value;
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }
}
