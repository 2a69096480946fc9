package dev.rankadaptor.common;

/** A configuration field outside its allowed range; {@link #field()} names it for inline display. */
public final class InvalidFieldException extends UserInputException {
    private final String field;

    public InvalidFieldException(String field, String expectation) {
        super(field + ": " + expectation);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
