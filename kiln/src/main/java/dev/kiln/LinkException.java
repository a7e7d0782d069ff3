package dev.kiln;

/**
 * A module's imports cannot be satisfied: an import is missing, or what was found has an
 * incompatible type. The message names the import as {@code module.name}.
 */
public class LinkException extends KilnException {

    /** A link failure with a message. */
    public LinkException(String message) {
        super(message);
    }
}
