package dev.rankadaptor.common;

/**
 * A problem with something the user supplied (a file, a field, an option), carrying a message
 * that names the file or field and what was expected. The CLI prints only the message (exit 2)
 * and the GUI shows it inline; neither ever shows a stack trace for these.
 */
public class UserInputException extends RuntimeException {
    public UserInputException(String message) {
        super(message);
    }

    public UserInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
