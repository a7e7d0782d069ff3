package dev.kiln;

/** The base of every exception Kiln throws for a WebAssembly-level failure. */
public class KilnException extends RuntimeException {

    /** A failure with a message. */
    public KilnException(String message) {
        super(message);
    }

    /** A failure with a message and the exception that caused it. */
    public KilnException(String message, Throwable cause) {
        super(message, cause);
    }
}
