package dev.kiln.cli;

/** The command line is wrong: reported in one line pointing to {@code kiln help}, with {@link ExitStatus#USAGE}. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
