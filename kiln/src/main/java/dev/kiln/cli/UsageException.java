package dev.kiln.cli;

/** The command line is wrong: reported with the {@link Usage} text and {@link ExitStatus#USAGE}. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
