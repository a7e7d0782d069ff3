package dev.kiln;

/**
 * A module is malformed (it does not decode) or invalid (it does not type-check), or it is
 * beyond what this implementation or engine can take (see {@link Reason}).
 *
 * <p>The message says what was expected and where: the byte offset for decoding errors, the
 * function index and instruction offset for validation errors.
 */
public class CompileException extends KilnException {

    /** The reason a module was rejected. */
    public enum Reason {
        /** The bytes are not a well-formed WebAssembly binary. */
        MALFORMED,
        /** The module decodes but breaks a validation rule. */
        INVALID,
        /** The module is valid but exceeds a limit of this implementation or configuration. */
        LIMIT,
        /**
         * The module is valid but uses a feature the chosen engine does not compile yet (the
         * compiler engine and {@code v128}); another engine may run it. The message names the
         * function and the instruction.
         */
        UNSUPPORTED
    }

    private final Reason reason;
    private final long offset;

    /**
     * @param reason why the module was rejected
     * @param offset the byte offset the problem was found at, or -1 when not tied to one
     * @param message what was expected, without the offset (it is added here)
     */
    public CompileException(Reason reason, long offset, String message) {
        super(offset >= 0 ? message + " (at byte offset " + offset + ")" : message);
        this.reason = reason;
        this.offset = offset;
    }

    /** Whether the module was malformed, invalid, over a limit or unsupported by the engine. */
    public Reason reason() {
        return reason;
    }

    /** The byte offset in the module binary the problem was found at, or -1. */
    public long offset() {
        return offset;
    }
}
